-- One row per message to deliver: what happened to it, and how many tries it took.
CREATE TABLE delivery (
    id           UUID        PRIMARY KEY,
    event_id     UUID        NOT NULL UNIQUE,
    app_id       TEXT        NOT NULL,
    channel      TEXT        NOT NULL CHECK (channel IN ('email', 'sms', 'log')),
    destination  TEXT        NOT NULL,
    template     TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'dead')),
    attempts     INT         NOT NULL DEFAULT 0,
    last_error   TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
