package io.passportsuite.admin.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only trail of administrators' actions ({@code admin_audit_log}): rows are inserted in
 * the transaction of the action they record and never changed; the table refuses it anyway.
 */
@Repository
public class AuditTrail {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditTrail(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Takes the transaction's connection now, so that an action is not begun that could not be recorded. */
    void ensureConnected() {
        jdbc.sql("SELECT 1").query(Integer.class).single();
    }

    public void record(AuditedAction action) {
        jdbc.sql("""
                INSERT INTO admin_audit_log (app_id, actor_user_id, actor_ip, action, target_type, target_id, before, after, request_id)
                VALUES (:app, :actor, :ip, :action, :targetType, :targetId, CAST(:before AS jsonb), CAST(:after AS jsonb), :requestId)
                """)
                .param("app", action.appId())
                .param("actor", action.actor().userId())
                .param("ip", action.actor().ip())
                .param("action", action.action())
                .param("targetType", action.targetType())
                .param("targetId", action.targetId())
                .param("before", jsonOf(action.before()))
                .param("after", jsonOf(action.after()))
                .param("requestId", action.actor().requestId())
                .update();
    }

    /** Fails as an insert would when the trail's database cannot be reached, before an action that cannot be undone. */
    public void ensureReachable() {
        jdbc.sql("SELECT 1").query(Integer.class).single();
    }

    public AuditPage page(AuditQuery query) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.actor() != null) {
            where.append(" AND actor_user_id = :actor");
            params.put("actor", query.actor());
        }
        if (query.target() != null) {
            where.append(" AND target_id = :target");
            params.put("target", query.target());
        }
        if (query.action() != null) {
            where.append(" AND action = :action");
            params.put("action", query.action());
        }
        long total = jdbc.sql("SELECT count(*) FROM admin_audit_log" + where).params(params).query(Long.class).single();
        Map<String, Object> pageParams = new LinkedHashMap<>(params);
        pageParams.put("limit", query.limit());
        pageParams.put("offset", query.offset());
        // id follows insertion order, and created_at may tie within a transaction's clock tick.
        List<AuditEntry> entries = jdbc.sql("""
                SELECT id, app_id, actor_user_id, actor_ip, action, target_type, target_id, before::text AS before,
                       after::text AS after, request_id, created_at
                FROM admin_audit_log""" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(pageParams)
                .query(this::entryOf)
                .list();
        return new AuditPage(new ArrayList<>(entries), query.limit(), query.offset(), total);
    }

    private AuditEntry entryOf(ResultSet row, int number) throws SQLException {
        return new AuditEntry(row.getLong("id"), row.getString("app_id"), row.getObject("actor_user_id", UUID.class),
                row.getString("actor_ip"), row.getString("action"), row.getString("target_type"), row.getString("target_id"),
                nodeOf(row.getString("before")), nodeOf(row.getString("after")), row.getString("request_id"),
                row.getTimestamp("created_at").toInstant());
    }

    private String jsonOf(Map<String, Object> value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    private JsonNode nodeOf(String text) {
        return text == null ? null : json.readTree(text);
    }
}
