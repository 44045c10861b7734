package io.passportsuite.passport.account;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.passport.app.AppRepository;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;

/**
 * An app's accounts as its operators see them: in pages (by offset, or after a cursor), searched
 * and filtered, or one by id. Apps have a million users and more, so no page costs more than a
 * short walk in an index (see {@link UserPages}).
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
    private final TransactionTemplate snapshot;

    UserDirectory(UserRepository users, UserPages pages, AppRepository apps, PlatformTransactionManager transactions) {
        this.users = users;
        this.pages = pages;
        this.apps = apps;
        // The total and the page it places come from one snapshot, or a user added between the two
        // would shift a page read from the far end.
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
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
        if (apps.find(appId).isEmpty()) {
            return Outcome.failure(Reason.APP_UNKNOWN, appId);
        }
        UserCursor start = cursor;
        return Outcome.success(snapshot.execute(status -> read(appId, limit, offset, start, filter)));
    }

    private Page read(String appId, int limit, long offset, UserCursor after, UserFilter filter) {
        if (filter.none()) {
            long total = pages.total(appId);
            List<User> found;
            if (after == null && offset > total / 2) {
                long end = Math.min(total, offset + limit);
                found = end <= offset ? List.of() : pages.backward(appId, total - end, (int) (end - offset));
            } else {
                found = pages.forward(appId, filter, after, offset, limit + 1);
            }
            boolean more = after == null && offset > total / 2 ? offset + limit < total : found.size() > limit;
            return page(found, limit, offset, total, true, more);
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
