-- What each user of each app did, as passport's user events tell it (README, "Back office").
-- event_id is unique so that a redelivered event is recorded once.
CREATE TABLE user_activity (
    id          BIGSERIAL    PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    app_id      TEXT         NOT NULL,
    user_id     UUID         NOT NULL,
    type        TEXT         NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    detail      JSONB        NOT NULL DEFAULT '{}'::jsonb,
    recorded_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One user's activity, newest first, paged on (occurred_at, id).
CREATE INDEX user_activity_by_user ON user_activity (app_id, user_id, occurred_at DESC, id DESC);

-- The retention purge deletes the oldest rows.
CREATE INDEX user_activity_by_age ON user_activity (occurred_at);
