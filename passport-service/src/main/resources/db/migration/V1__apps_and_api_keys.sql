-- Tenant apps. Users (next migration) belong to exactly one app.
CREATE TABLE app (
    app_id      TEXT        PRIMARY KEY CHECK (app_id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- API keys an app's backend authenticates with. Only a hash is stored; the prefix is shown so
-- operators can tell keys apart, and several keys may be active at once for rotation.
CREATE TABLE api_key (
    id          UUID        PRIMARY KEY,
    app_id      TEXT        NOT NULL REFERENCES app (app_id),
    prefix      TEXT        NOT NULL,
    key_hash    TEXT        NOT NULL UNIQUE,
    label       TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);

CREATE INDEX api_key_app_idx ON api_key (app_id);
