package io.passportsuite.passport.account;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.app.AppRepository;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;

/** An app's accounts as its operators see them: in pages, or one by id. */
@Service
public class UserDirectory {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final UserRepository users;
    private final AppRepository apps;

    UserDirectory(UserRepository users, AppRepository apps) {
        this.users = users;
        this.apps = apps;
    }

    /** {@code total}: how many users the app has, for the operator to page through. */
    public record Page(List<User> users, int limit, long offset, long total) {
    }

    public Outcome<Page> page(String appId, int limit, long offset) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            return Outcome.failure(Reason.PAGING_INVALID, 1, MAX_LIMIT);
        }
        if (apps.find(appId).isEmpty()) {
            return Outcome.failure(Reason.APP_UNKNOWN, appId);
        }
        return Outcome.success(new Page(users.pageInApp(appId, limit, offset), limit, offset, users.countInApp(appId)));
    }

    /** The user when it belongs to {@code appId}: another app's user is as unknown as a missing one. */
    public Outcome<User> find(String appId, UUID userId) {
        return users.findInApp(appId, userId).<Outcome<User>>map(Outcome::success)
                .orElseGet(() -> Outcome.failure(Reason.USER_NOT_FOUND));
    }
}
