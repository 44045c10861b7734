-- A relay claims a batch for a lease and sends it outside any transaction: other relays skip a
-- claimed row until the lease ends, so a relay that died mid-send leaves its rows to the others.
ALTER TABLE outbox_event
    ADD COLUMN claimed_until TIMESTAMPTZ,
    -- Times the broker refused this event while it took others: counts toward setting it aside.
    ADD COLUMN rejections    INT NOT NULL DEFAULT 0,
    -- Set aside after too many rejections; kept for an operator, never relayed again.
    ADD COLUMN dead_at       TIMESTAMPTZ;

DROP INDEX outbox_event_pending_idx;
CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE sent_at IS NULL AND dead_at IS NULL;

-- Per-key order: a row waits while an earlier row of its key is claimed by another relay.
CREATE INDEX outbox_event_pending_key_idx ON outbox_event (topic, event_key, id) WHERE sent_at IS NULL AND dead_at IS NULL;

-- The retention purge deletes the oldest sent rows and processed-event marks.
CREATE INDEX outbox_event_sent_idx ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX processed_event_processed_at_idx ON processed_event (processed_at);
