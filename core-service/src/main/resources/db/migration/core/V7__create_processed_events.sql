-- The consumers' log of processed event ids (keyed by metadata.id): a redelivered or replayed event is
-- recognised in the transaction that would apply it, and changes nothing. Not tenant data.
CREATE TABLE processed_events (
    event_id     uuid PRIMARY KEY,
    topic        text        NOT NULL,
    type         text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_events_processed_at_idx ON processed_events (processed_at);

-- When the auth event last applied to a profile happened: an older event arriving late changes nothing.
-- Null for profiles known only from access tokens (e.g. users of an external trusted issuer).
ALTER TABLE users ADD COLUMN synced_at timestamptz;
