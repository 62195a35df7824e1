-- Every auth event (sign-up, logins, refresh reuse, logout, credential changes, API keys), also published on
-- Kafka topic auth.users through the transactional outbox (event_publication).
CREATE TABLE audit_events (
    id          uuid PRIMARY KEY,
    type        text        NOT NULL,
    user_id     uuid,
    org_id      uuid,
    session_id  uuid,
    ip          text,
    user_agent  text,
    data        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_user_idx ON audit_events (user_id, occurred_at DESC);
CREATE INDEX audit_events_org_idx ON audit_events (org_id, occurred_at DESC) WHERE org_id IS NOT NULL;
