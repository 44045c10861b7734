-- The retention purge deletes the oldest finished deliveries.
CREATE INDEX delivery_finished_idx ON delivery (updated_at) WHERE status IN ('sent', 'dead');
