-- The live orgs with the most audit entries since p_since, most active first, for warming core's caches
-- (POST /internal/cache/warm). The application role sees no audit entry without a tenant, so this runs as
-- the schema owner (whose read-only policies of V5 see every org) and answers org ids only, never rows.
CREATE FUNCTION core.most_active_organizations(p_since timestamptz, p_limit int) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = core, pg_temp AS $$
  SELECT a.org_id
  FROM audit_log a
  JOIN organizations o ON o.id = a.org_id AND o.deleted_at IS NULL
  WHERE a.created_at >= p_since
  GROUP BY a.org_id
  ORDER BY count(*) DESC, a.org_id
  LIMIT least(greatest(p_limit, 0), 1000)
$$;
REVOKE ALL ON FUNCTION core.most_active_organizations(timestamptz, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.most_active_organizations(timestamptz, int) TO core_app;
