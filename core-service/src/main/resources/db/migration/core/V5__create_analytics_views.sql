-- Usage analytics: materialized views in schema analytics, refreshed concurrently by the worker through
-- analytics.refresh() (SECURITY DEFINER, so the worker needs no rights on core's tables).
--
-- A materialized view cannot have row-level security, so the application never reads one directly: it
-- reads security-barrier views that filter by app.current_org exactly like the tenant policies.
-- The views are computed as core_owner, who sees every org's rows only for reading (a policy TO
-- core_owner); core_owner is the migration role, never the application's.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'audit_log', 'memberships', 'projects', 'teams', 'invitations'] LOOP
    EXECUTE format('CREATE POLICY %I ON core.%I FOR SELECT TO core_owner USING (true)', t || '_analytics', t);
  END LOOP;
END
$$;

CREATE MATERIALIZED VIEW analytics.daily_activity_mv AS
SELECT org_id,
       (created_at AT TIME ZONE 'UTC')::date AS day,
       count(*)                              AS writes,
       count(DISTINCT actor_id)              AS active_users
FROM core.audit_log
GROUP BY 1, 2;
CREATE UNIQUE INDEX daily_activity_mv_org_day ON analytics.daily_activity_mv (org_id, day);

CREATE MATERIALIZED VIEW analytics.org_counts_mv AS
SELECT o.id AS org_id,
       (SELECT count(*) FROM core.memberships m WHERE m.org_id = o.id)                          AS members,
       (SELECT count(*) FROM core.projects p WHERE p.org_id = o.id)                             AS projects,
       (SELECT count(*) FROM core.teams t WHERE t.org_id = o.id)                                AS teams,
       (SELECT count(*) FROM core.invitations i WHERE i.org_id = o.id AND i.status = 'pending') AS pending_invitations,
       now()                                                                                    AS refreshed_at
FROM core.organizations o
WHERE o.deleted_at IS NULL;
CREATE UNIQUE INDEX org_counts_mv_org ON analytics.org_counts_mv (org_id);

CREATE VIEW analytics.daily_activity WITH (security_barrier) AS
SELECT * FROM analytics.daily_activity_mv
WHERE org_id = NULLIF(current_setting('app.current_org', true), '')::uuid;

CREATE VIEW analytics.org_counts WITH (security_barrier) AS
SELECT * FROM analytics.org_counts_mv
WHERE org_id = NULLIF(current_setting('app.current_org', true), '')::uuid;

REVOKE ALL ON analytics.daily_activity_mv, analytics.org_counts_mv FROM core_app;
GRANT SELECT ON analytics.daily_activity, analytics.org_counts TO core_app;

CREATE FUNCTION analytics.refresh() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = analytics, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.daily_activity_mv;
  REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.org_counts_mv;
END
$$;
REVOKE ALL ON FUNCTION analytics.refresh() FROM PUBLIC;
GRANT USAGE ON SCHEMA analytics TO worker_app;
GRANT EXECUTE ON FUNCTION analytics.refresh() TO worker_app;
