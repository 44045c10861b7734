-- What a restart needs to carry on with a delivery: the request itself (to render it again and,
-- after the last retry, to park it on the dead-letter topic) and when the next attempt is due.
ALTER TABLE delivery
    ADD COLUMN request         JSONB       NOT NULL,
    ADD COLUMN next_attempt_at TIMESTAMPTZ,
    ADD COLUMN sent_at         TIMESTAMPTZ;

-- The worker only ever scans deliveries that still have an attempt due.
CREATE INDEX delivery_due_idx ON delivery (next_attempt_at) WHERE status IN ('pending', 'failed');
