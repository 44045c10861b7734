-- Every action an administrator takes through the back office, for accountability.
CREATE TABLE admin_audit_log (
    id             BIGSERIAL   PRIMARY KEY,
    app_id         TEXT        NOT NULL,
    actor_user_id  UUID        NOT NULL,
    action         TEXT        NOT NULL,
    target         TEXT,
    detail         JSONB,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX admin_audit_log_created_idx ON admin_audit_log (created_at DESC);
