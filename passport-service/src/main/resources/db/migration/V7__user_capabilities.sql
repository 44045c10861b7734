-- Each user's capabilities as membership-service last announced them (membership.changed), read
-- when an access token is issued. Only a higher revision replaces a row, so a redelivered or
-- reordered event changes nothing. No foreign key to app_user: an event may arrive before the
-- user's row is visible here, and the projection must not refuse it.
CREATE TABLE user_capabilities (
    user_id      UUID PRIMARY KEY,
    app_id       TEXT NOT NULL,
    capabilities TEXT[] NOT NULL,
    revision     BIGINT NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
