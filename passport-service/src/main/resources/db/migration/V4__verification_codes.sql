-- One-time codes sent to an email address or phone number, bound to an app and a purpose.
-- Only an HMAC of the code is kept: six digits are too few to store as a plain digest.
CREATE TABLE verification_code (
    id            UUID        PRIMARY KEY,
    app_id        TEXT        NOT NULL REFERENCES app (app_id),
    contact       TEXT        NOT NULL,
    purpose       TEXT        NOT NULL,
    code_hmac     TEXT        NOT NULL,
    client_ip     TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ NOT NULL,
    attempts      INT         NOT NULL DEFAULT 0,
    -- Set when the code is used, replaced by a newer one, or killed by too many wrong attempts.
    closed_at     TIMESTAMPTZ,
    close_reason  TEXT,
    -- Only in test mode (no delivery channel, never in production): the code itself, for the
    -- debug endpoint of local development.
    debug_code    TEXT
);

-- The live code of a destination and purpose, and the send counts for the caps.
CREATE INDEX verification_code_contact_idx ON verification_code (app_id, lower(contact), purpose, created_at DESC);
CREATE INDEX verification_code_ip_idx ON verification_code (client_ip, created_at DESC);
