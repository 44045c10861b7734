-- Events waiting to be published, written in the transaction of the state change they describe.
CREATE TABLE outbox_event (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    event_key   TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    envelope    JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ,
    attempts    INT         NOT NULL DEFAULT 0,
    last_error  TEXT
);

-- The relay only ever scans unsent rows, oldest first.
CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE sent_at IS NULL;

-- Events a consumer has applied, so a redelivery is recognised and skipped.
CREATE TABLE processed_event (
    consumer      TEXT        NOT NULL,
    event_id      UUID        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
