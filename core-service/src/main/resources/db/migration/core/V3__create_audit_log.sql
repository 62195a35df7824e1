-- The audit log: append-only, range-partitioned by month, tamper-evident. Each entry's hash is
-- sha256(previous entry's hash || canonical entry) within its org, computed by the database at insert,
-- so a changed, removed or reordered entry breaks the chain at that point.
CREATE TABLE audit_log (
    id            uuid        NOT NULL,
    org_id        uuid        NOT NULL,
    seq           bigint      NOT NULL,
    actor_id      uuid,
    action        text        NOT NULL,
    resource_type text        NOT NULL,
    resource_id   text,
    before        jsonb,
    after         jsonb,
    ip            text,
    user_agent    text,
    request_id    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    prev_hash     bytea,
    hash          bytea       NOT NULL,
    PRIMARY KEY (org_id, created_at, id)
) PARTITION BY RANGE (created_at);
CREATE INDEX audit_log_org_seq_idx ON audit_log (org_id, seq);
CREATE INDEX audit_log_org_created_idx ON audit_log (org_id, created_at DESC);

-- The head of each org's chain; its row lock serialises appends per org.
CREATE TABLE audit_chain_heads (
    org_id    uuid PRIMARY KEY,
    last_seq  bigint NOT NULL,
    last_hash bytea
);

CREATE FUNCTION audit_entry_hash(prev bytea, seq bigint, org uuid, actor uuid, action text, resource_type text,
                                 resource_id text, before jsonb, after jsonb, ip text, user_agent text,
                                 request_id text, created_at timestamptz)
    RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(coalesce(prev, '\x'::bytea) || convert_to(jsonb_build_array(
      seq, org, actor, action, resource_type, resource_id, before, after, ip, user_agent, request_id,
      (extract(epoch FROM created_at) * 1000000)::bigint)::text, 'UTF8'))
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_heads%ROWTYPE;
BEGIN
  INSERT INTO audit_chain_heads (org_id, last_seq, last_hash) VALUES (NEW.org_id, 0, NULL) ON CONFLICT DO NOTHING;
  SELECT * INTO head FROM audit_chain_heads WHERE org_id = NEW.org_id FOR UPDATE;
  NEW.seq := head.last_seq + 1;
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_entry_hash(NEW.prev_hash, NEW.seq, NEW.org_id, NEW.actor_id, NEW.action, NEW.resource_type,
      NEW.resource_id, NEW.before, NEW.after, NEW.ip, NEW.user_agent, NEW.request_id, NEW.created_at);
  UPDATE audit_chain_heads SET last_seq = NEW.seq, last_hash = NEW.hash WHERE org_id = NEW.org_id;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_tenant_isolation ON audit_log
    USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
    WITH CHECK (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid);
ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_heads_tenant_isolation ON audit_chain_heads
    USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
    WITH CHECK (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

-- Monthly partitions around now, and a default one so that an insert never fails; the worker creates
-- future partitions ahead of time and detaches old ones for retention.
DO $$
DECLARE
  m date := date_trunc('month', now() - interval '12 months');
BEGIN
  WHILE m < date_trunc('month', now() + interval '25 months') LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)',
                   'audit_log_' || to_char(m, 'YYYY_MM'), m, m + interval '1 month');
    m := m + interval '1 month';
  END LOOP;
END
$$;
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;

-- Append-only for the application, and reachable only through the parent table (whose policy applies):
-- a partition queried directly would not apply the parent's row-level security. The worker revokes the
-- same on partitions it creates later.
REVOKE UPDATE, DELETE ON audit_log FROM core_app;
DO $$
DECLARE
  p regclass;
BEGIN
  FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'audit_log'::regclass LOOP
    EXECUTE format('REVOKE ALL ON %s FROM core_app', p);
  END LOOP;
END
$$;
