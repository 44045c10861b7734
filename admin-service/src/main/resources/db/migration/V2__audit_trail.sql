-- The audit trail as an append-only record of who did what to whom, from where, and what changed.
-- Nothing has written to the table yet, so V1's free-form target and detail give way to typed columns.
ALTER TABLE admin_audit_log RENAME COLUMN target TO target_id;
ALTER TABLE admin_audit_log DROP COLUMN detail;
ALTER TABLE admin_audit_log
    ADD COLUMN actor_ip    TEXT,
    ADD COLUMN target_type TEXT,
    ADD COLUMN before      JSONB,
    ADD COLUMN after       JSONB,
    ADD COLUMN request_id  TEXT;

CREATE INDEX admin_audit_log_actor_idx ON admin_audit_log (actor_user_id, id DESC);
CREATE INDEX admin_audit_log_target_idx ON admin_audit_log (target_id, id DESC);
CREATE INDEX admin_audit_log_action_idx ON admin_audit_log (action, id DESC);

-- A row once written is never changed or removed, not even by this service: an administrator who
-- could reach the database through it could otherwise erase the trace of what they did.
CREATE FUNCTION admin_audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'admin_audit_log is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER admin_audit_log_append_only
    BEFORE UPDATE OR DELETE ON admin_audit_log
    FOR EACH ROW EXECUTE FUNCTION admin_audit_log_refuse_change();

CREATE TRIGGER admin_audit_log_no_truncate
    BEFORE TRUNCATE ON admin_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_log_refuse_change();
