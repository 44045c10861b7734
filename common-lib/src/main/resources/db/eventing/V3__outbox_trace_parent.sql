-- The W3C trace context of the request that wrote the event (its `traceparent`, and `tracestate`
-- when there is one), so the relay publishes it as a child of that request's trace, however much
-- later it is sent. Null for events written outside any trace.
ALTER TABLE outbox_event ADD COLUMN trace_parent text;
ALTER TABLE outbox_event ADD COLUMN trace_state text;
