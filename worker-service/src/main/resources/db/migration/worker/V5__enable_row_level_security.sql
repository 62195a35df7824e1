-- Row-level security on every worker table that holds tenant data (jobs, processed_jobs, reports): ENABLE and
-- FORCE (the owner too), with policies on the transaction-local setting app.current_org that the application's
-- TenantTransactionManager sets at the start of each transaction (NULLIF: a pooled connection returns '' after
-- a transaction-local setting, not NULL). With no org set a query sees no org's rows.
--
-- Jobs without an org (sign-up, recovery and e-mail change mail, queued by auth for a user who may have no org
-- yet) have org_id NULL in jobs and processed_jobs. Their rows are visible and writable only when no org is set;
-- a transaction as an org never sees them, and one without an org sees only them.
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY jobs_tenant_isolation ON jobs
    USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid
           OR (org_id IS NULL AND NULLIF(current_setting('app.current_org', true), '') IS NULL))
    WITH CHECK (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid
           OR (org_id IS NULL AND NULLIF(current_setting('app.current_org', true), '') IS NULL));

ALTER TABLE processed_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE processed_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY processed_jobs_tenant_isolation ON processed_jobs
    USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid
           OR (org_id IS NULL AND NULLIF(current_setting('app.current_org', true), '') IS NULL))
    WITH CHECK (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid
           OR (org_id IS NULL AND NULLIF(current_setting('app.current_org', true), '') IS NULL));

ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
CREATE POLICY reports_tenant_isolation ON reports
    USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
    WITH CHECK (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

-- Retention spans every org and is the one cross-org path: the application cannot see across orgs, so the purge
-- runs in SECURITY DEFINER functions owned by worker_owner, whose own policies let it read and delete (never
-- insert or update) rows; the functions delete only what is past the given cutoff and return a count, never a row.
-- Only worker_app may call them.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['jobs', 'processed_jobs', 'reports'] LOOP
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO worker_owner USING (true)', t || '_purge_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR DELETE TO worker_owner USING (true)', t || '_purge_delete', t);
  END LOOP;
END
$$;

CREATE FUNCTION purge_finished_jobs(finished_before timestamptz) RETURNS integer
    LANGUAGE sql SECURITY DEFINER SET search_path = worker, pg_temp AS $$
    WITH deleted AS (DELETE FROM worker.jobs WHERE finished_at < finished_before RETURNING 1)
    SELECT count(*)::integer FROM deleted
$$;

CREATE FUNCTION purge_processed_jobs(done_before timestamptz) RETURNS integer
    LANGUAGE sql SECURITY DEFINER SET search_path = worker, pg_temp AS $$
    WITH deleted AS (DELETE FROM worker.processed_jobs WHERE coalesce(done_at, started_at) < done_before RETURNING 1)
    SELECT count(*)::integer FROM deleted
$$;

CREATE FUNCTION purge_expired_reports(expired_at timestamptz) RETURNS integer
    LANGUAGE sql SECURITY DEFINER SET search_path = worker, pg_temp AS $$
    WITH deleted AS (DELETE FROM worker.reports WHERE expires_at <= expired_at RETURNING 1)
    SELECT count(*)::integer FROM deleted
$$;

REVOKE ALL ON FUNCTION purge_finished_jobs(timestamptz), purge_processed_jobs(timestamptz),
    purge_expired_reports(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_finished_jobs(timestamptz), purge_processed_jobs(timestamptz),
    purge_expired_reports(timestamptz) TO worker_app;
