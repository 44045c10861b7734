-- Uploaded files of an app; the bytes live in the configured storage, not in the database.
CREATE TABLE asset_file (
    file_id       UUID        PRIMARY KEY,
    app_id        TEXT        NOT NULL,
    owner_id      TEXT,
    content_type  TEXT        NOT NULL,
    size_bytes    BIGINT      NOT NULL CHECK (size_bytes >= 0),
    sha256        TEXT        NOT NULL,
    storage_key   TEXT        NOT NULL UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX asset_file_app_idx ON asset_file (app_id, created_at DESC);
