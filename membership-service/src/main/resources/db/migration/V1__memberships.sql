-- One membership per user of an app; capabilities derive from tier and level.
CREATE TABLE membership (
    app_id      TEXT        NOT NULL,
    user_id     UUID        NOT NULL,
    status      TEXT        NOT NULL DEFAULT 'none',
    tier        TEXT        NOT NULL DEFAULT 'free',
    level       INT         NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, user_id)
);
