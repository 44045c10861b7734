package io.passportsuite.passport.account;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.app.AppRepository;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;

/**
 * An app's accounts as its operators see them: in pages (by offset, or after a cursor), searched
 * and filtered, or one by id. Apps have a million users and more: the first and last pages, a
 * page after a cursor and a prefix search each cost a short walk in an index; only an offset near
 * the middle walks far, which is what {@code next} is for (see {@link UserPages}).
 */
@Service
public class UserDirectory {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /**
     * A filtered list is counted no further than this: counting every match of a broad search
     * costs as much as reading them all. Past it, {@code total} is this number and not exact.
     */
    public static final long MAX_FILTERED_COUNT = 1000;

    private final UserRepository users;
    private final UserPages pages;
    private final AppRepository apps;

    UserDirectory(UserRepository users, UserPages pages, AppRepository apps) {
        this.users = users;
        this.pages = pages;
        this.apps = apps;
    }

    /**
     * {@code total}: how many users the app has (or match the filter), for the operator to page
     * through; {@code totalExact} is false when a filtered count stopped at {@link #MAX_FILTERED_COUNT}.
     * {@code next}: the cursor of the following page, null on the last one.
     */
    public record Page(List<User> users, int limit, long offset, long total, boolean totalExact, String next) {
    }

    public Outcome<Page> page(String appId, int limit, long offset) {
        return page(appId, limit, offset, null, UserFilter.NONE);
    }

    /** {@code after}: a cursor from an earlier page's {@code next}, or null to page by {@code offset}. */
    public Outcome<Page> page(String appId, int limit, long offset, String after, UserFilter filter) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            return Outcome.failure(Reason.PAGING_INVALID, 1, MAX_LIMIT);
        }
        UserCursor cursor = null;
        if (after != null) {
            if (offset != 0) {
                return Outcome.failure(Reason.CURSOR_WITH_OFFSET);
            }
            cursor = UserCursor.parse(after).orElse(null);
            if (cursor == null) {
                return Outcome.failure(Reason.CURSOR_INVALID);
            }
        }
        if (filter.prefix() != null && (filter.prefix().isEmpty() || filter.prefix().length() > UserFilter.MAX_PREFIX_LENGTH)) {
            return Outcome.failure(Reason.SEARCH_INVALID, UserFilter.MAX_PREFIX_LENGTH);
        }
        if (filter.role() != null && filter.role() != User.ROLE_USER && filter.role() != User.ROLE_ADMIN) {
            return Outcome.failure(Reason.ROLE_INVALID);
        }
        Page page = read(appId, limit, offset, cursor, filter);
        // Only an app without users (or without matches) may be no app at all: the others save the look-up.
        if (page.total() == 0 && apps.find(appId).isEmpty()) {
            return Outcome.failure(Reason.APP_UNKNOWN, appId);
        }
        return Outcome.success(page);
    }

    private Page read(String appId, int limit, long offset, UserCursor after, UserFilter filter) {
        if (filter.none()) {
            long total = pages.total(appId);
            if (after == null && offset > total / 2) {
                // Past the middle, the far end is nearer.
                List<User> found = offset >= total ? List.of() : pages.backward(appId, offset, limit);
                return page(found, limit, offset, total, true, offset + limit < total);
            }
            List<User> found = pages.forward(appId, filter, after, offset, limit + 1);
            return page(found, limit, offset, total, true, found.size() > limit);
        }
        long counted = pages.countUpTo(appId, filter, MAX_FILTERED_COUNT + 1);
        List<User> found = pages.forward(appId, filter, after, offset, limit + 1);
        return page(found, limit, offset, Math.min(counted, MAX_FILTERED_COUNT), counted <= MAX_FILTERED_COUNT, found.size() > limit);
    }

    private static Page page(List<User> found, int limit, long offset, long total, boolean exact, boolean more) {
        List<User> shown = found.size() > limit ? found.subList(0, limit) : found;
        String next = more && !shown.isEmpty() ? UserCursor.after(shown.getLast()).text() : null;
        return new Page(List.copyOf(shown), limit, offset, total, exact, next);
    }

    /** The user when it belongs to {@code appId}: another app's user is as unknown as a missing one. */
    public Outcome<User> find(String appId, UUID userId) {
        return users.findInApp(appId, userId).<Outcome<User>>map(Outcome::success)
                .orElseGet(() -> Outcome.failure(Reason.USER_NOT_FOUND));
    }
}
