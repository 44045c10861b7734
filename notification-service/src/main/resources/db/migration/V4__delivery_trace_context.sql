-- The W3C trace context of the request that asked for the message (as the Kafka record carried it),
-- so the worker's send, seconds or retries later, is a span of that trace. Null outside any trace.
ALTER TABLE delivery ADD COLUMN trace_parent text;
ALTER TABLE delivery ADD COLUMN trace_state text;
