-- Uploads of the same content by one app share one stored object (keyed by app and SHA-256): each
-- upload is still a file of its own, with its own id, and the object goes with the last file that
-- names it. So a storage key is no longer unique to one row.
ALTER TABLE asset_file DROP CONSTRAINT asset_file_storage_key_key;
CREATE INDEX asset_file_digest_idx ON asset_file (app_id, sha256);

-- The re-encoded image's size in pixels, as the upload answered it.
ALTER TABLE asset_file ADD COLUMN width INT NOT NULL DEFAULT 0 CHECK (width >= 0),
                       ADD COLUMN height INT NOT NULL DEFAULT 0 CHECK (height >= 0);
ALTER TABLE asset_file ALTER COLUMN width DROP DEFAULT, ALTER COLUMN height DROP DEFAULT;

-- An app's own upload limits; a null column (or no row) takes the service's default (asset.uploads.*).
CREATE TABLE asset_app_settings (
    app_id          TEXT        PRIMARY KEY,
    allowed_types   TEXT[],
    max_file_bytes  BIGINT      CHECK (max_file_bytes > 0),
    quota_bytes     BIGINT      CHECK (quota_bytes >= 0),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
