package io.passportsuite.passport.account;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pages of an app's users, oldest first (created_at, then id), read from the near end: the
 * page's ids come from the index alone (app_id, created_at, id, with the
 * filter columns included), and only the page's rows are then fetched by id.
 */
@Repository
class UserPages {

    private static final String PREFIX_MATCH = "(lower(username) LIKE lower(:prefix) OR lower(email) LIKE lower(:prefix)"
            + " OR phone LIKE lower(:prefix) OR lower(nickname) LIKE lower(:prefix))";

    /**
     * The rows of a page, given the query that finds their ids. The ids go in an array, not a join:
     * the planner then fetches them by primary key whatever it guesses of the page's size (a join
     * planned for a guessed 100,000 ids reads the whole table).
     */
    private static final String PAGE = "SELECT * FROM app_user WHERE id = ANY (ARRAY (%s)) ORDER BY created_at, id";
    private static final String TOTAL = "SELECT coalesce(sum(users), 0)::BIGINT AS users FROM app_user_count WHERE app_id = :appId";

    private final JdbcClient jdbc;

    UserPages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Exact: the triggers of V10 keep the per-app counters in the transactions that add or remove users. */
    long total(String appId) {
        return jdbc.sql(TOTAL).param("appId", appId).query(Long.class).single();
    }

    /** How many users match, counting no further than {@code cap}. */
    long countUpTo(String appId, UserFilter filter, long cap) {
        Where where = where(appId, filter, null);
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM app_user WHERE " + where.sql() + " LIMIT :cap) matching")
                .params(where.params()).param("cap", cap).query(Long.class).single();
    }

    /** Up to {@code limit} users from {@code offset} on, or right after {@code after} when it is given. */
    List<User> forward(String appId, UserFilter filter, UserCursor after, long offset, int limit) {
        Where where = where(appId, filter, after);
        return jdbc.sql(PAGE.formatted("SELECT id FROM app_user WHERE " + where.sql()
                        + " ORDER BY created_at, id LIMIT :limit OFFSET :offset"))
                .params(where.params()).param("limit", limit).param("offset", offset)
                .query(UserRepository::map).list();
    }

    /**
     * The users from {@code offset} on, read from the far end of the index: offset 990,000 of a
     * million is offset 9,900 backwards, a hundred times less to walk. The statement counts the
     * users itself, so the place it reads from and the users it finds come from one snapshot.
     */
    List<User> backward(String appId, long offset, int limit) {
        return jdbc.sql("WITH total AS (" + TOTAL + ") " + PAGE.formatted("""
                        SELECT id FROM app_user WHERE app_id = :appId ORDER BY created_at DESC, id DESC
                        LIMIT (SELECT greatest(0, least(:limit, users - :offset)) FROM total)
                        OFFSET (SELECT greatest(0, users - :offset - :limit) FROM total)"""))
                .param("appId", appId).param("limit", limit).param("offset", offset)
                .query(UserRepository::map).list();
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(String appId, UserFilter filter, UserCursor after) {
        List<String> conditions = new ArrayList<>(List.of("app_id = :appId"));
        Map<String, Object> params = new HashMap<>(Map.of("appId", appId));
        if (filter.prefix() != null) {
            conditions.add(PREFIX_MATCH);
            params.put("prefix", filter.likePattern());
        }
        if (filter.role() != null) {
            conditions.add("role = :role");
            params.put("role", filter.role());
        }
        if (filter.disabled() != null) {
            conditions.add(filter.disabled() ? "status = 'disabled'" : "status = 'active'");
        }
        if (filter.emailVerified() != null) {
            conditions.add(filter.emailVerified() ? "email_verified" : "NOT email_verified");
        }
        if (after != null) {
            conditions.add("(created_at, id) > (:afterCreatedAt, :afterId)");
            params.put("afterCreatedAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC));
            params.put("afterId", after.id());
        }
        return new Where(String.join(" AND ", conditions), params);
    }
}
