-- Per-app policy: what a password must look like, how long tokens live, how users may log in.
ALTER TABLE app
    ADD COLUMN password_min_length       INT     NOT NULL DEFAULT 8   CHECK (password_min_length BETWEEN 1 AND 128),
    ADD COLUMN password_max_length       INT     NOT NULL DEFAULT 128 CHECK (password_max_length BETWEEN 1 AND 128),
    ADD COLUMN password_letter_and_digit BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN access_token_ttl_seconds  INT     NOT NULL DEFAULT 900     CHECK (access_token_ttl_seconds BETWEEN 60 AND 86400),
    ADD COLUMN refresh_token_ttl_seconds INT     NOT NULL DEFAULT 2592000 CHECK (refresh_token_ttl_seconds BETWEEN 300 AND 31536000),
    ADD COLUMN login_methods             TEXT[]  NOT NULL DEFAULT '{password,email_code}',
    ADD CONSTRAINT app_password_bounds CHECK (password_min_length <= password_max_length);

-- A user belongs to exactly one app: the same email in two apps is two users.
CREATE TABLE app_user (
    id              UUID        PRIMARY KEY,
    app_id          TEXT        NOT NULL REFERENCES app (app_id),
    username        TEXT        NOT NULL,
    email           TEXT,
    phone           TEXT,
    password_hash   TEXT,
    nickname        TEXT        NOT NULL,
    avatar_url      TEXT,
    signature       TEXT,
    role            SMALLINT    NOT NULL DEFAULT 1 CHECK (role IN (1, 9)),
    status          TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    email_verified  BOOLEAN     NOT NULL DEFAULT FALSE,
    is_bot          BOOLEAN     NOT NULL DEFAULT FALSE,
    invite_code     TEXT,
    online          BOOLEAN     NOT NULL DEFAULT FALSE,
    last_seen_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Identifiers are unique per app, compared without regard to case.
CREATE UNIQUE INDEX app_user_username_uq ON app_user (app_id, lower(username));
CREATE UNIQUE INDEX app_user_email_uq ON app_user (app_id, lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX app_user_phone_uq ON app_user (app_id, phone) WHERE phone IS NOT NULL;

-- A login on one device: the family its refresh tokens belong to, revoked as a whole.
CREATE TABLE auth_session (
    id             UUID        PRIMARY KEY,
    app_id         TEXT        NOT NULL REFERENCES app (app_id),
    user_id        UUID        NOT NULL REFERENCES app_user (id),
    login_method   TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoke_reason  TEXT,
    user_agent     TEXT,
    client_ip      TEXT
);

CREATE INDEX auth_session_live_by_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens are stored as SHA-256 digests only. A rotated token keeps the digest of its
-- successor so that a retry within the grace window can be told from a replay.
CREATE TABLE refresh_token (
    token_hash      TEXT        PRIMARY KEY,
    session_id      UUID        NOT NULL REFERENCES auth_session (id),
    issued_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    rotated_at      TIMESTAMPTZ,
    successor_hash  TEXT
);

CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);

-- What a security team wants to see: refresh-token reuse, revocations, disablements.
CREATE TABLE security_event (
    id          BIGSERIAL   PRIMARY KEY,
    app_id      TEXT        NOT NULL,
    user_id     UUID,
    session_id  UUID,
    type        TEXT        NOT NULL,
    detail      JSONB,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX security_event_user_idx ON security_event (user_id, created_at DESC);
