-- GitHub login: each app's GitHub OAuth app, the states its web flows were issued, and the GitHub
-- accounts linked to users. V11 is left to user deletion.

-- client_secret_sealed: AES-256-GCM under a key derived from PASSPORT_KEY_ENCRYPTION_KEY, the app id
-- as associated data; the clear secret is never stored nor answered.
CREATE TABLE app_github (
    app_id               TEXT        PRIMARY KEY REFERENCES app (app_id) ON DELETE CASCADE,
    client_id            TEXT        NOT NULL,
    client_secret_sealed BYTEA       NOT NULL,
    redirect_uris        TEXT[]      NOT NULL,
    web_base_url         TEXT        NOT NULL,
    api_base_url         TEXT        NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Only the SHA-256 of a state is kept: a read of the table does not give states to present.
CREATE TABLE github_oauth_state (
    state_hash   TEXT        PRIMARY KEY,
    app_id       TEXT        NOT NULL REFERENCES app (app_id) ON DELETE CASCADE,
    redirect_uri TEXT        NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX github_oauth_state_expiry ON github_oauth_state (expires_at);

-- An identity at an outside provider, linked to one user of one app. subject: the provider's
-- stable id (GitHub's numeric user id), never a login name, which its owner may change.
CREATE TABLE linked_identity (
    provider   TEXT        NOT NULL,
    app_id     TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    user_id    UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    login      TEXT,
    linked_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, app_id, subject),
    UNIQUE (user_id, provider)
);
