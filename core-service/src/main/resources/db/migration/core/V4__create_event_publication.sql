-- Spring Modulith's event publication registry: the transactional outbox. Events are written here in
-- the transaction of the change and published to Kafka after commit; incomplete ones are resubmitted.
-- Not tenant data (no org_id column; the org is inside the serialized event), so no row-level security.
CREATE TABLE event_publication (
    id                     uuid        NOT NULL PRIMARY KEY,
    listener_id            text        NOT NULL,
    event_type             text        NOT NULL,
    serialized_event       text        NOT NULL,
    publication_date       timestamptz NOT NULL,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
