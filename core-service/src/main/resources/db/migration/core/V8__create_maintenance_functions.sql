-- Maintenance for the worker's schedules. Each function runs as its owner, the schema owner core_owner
-- (SECURITY DEFINER, fixed search_path), so that worker_app needs no right on core's tables: it may only
-- EXECUTE these functions, and they answer counts, never rows.
--
-- Tenant tables FORCE row-level security even for their owner, whose only own policies allow SELECT (V5).
-- The functions therefore delete org by org with that org set as the transaction's tenant, exactly as the
-- application does, and restore the caller's setting before they return.

-- Invitations that can no longer be used: pending ones that expired, revoked and accepted ones, ended
-- before p_before. No revocation time is recorded, so a revoked invitation counts as ended at its expiry
-- (it was revoked before that).
CREATE FUNCTION core.purge_expired_invitations(p_before timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = core, pg_temp AS $$
DECLARE
  caller_org text := current_setting('app.current_org', true);
  org uuid;
  n bigint;
  total bigint := 0;
BEGIN
  FOR org IN SELECT DISTINCT i.org_id FROM invitations i
             WHERE (i.status IN ('pending', 'revoked') AND i.expires_at < p_before)
                OR (i.status = 'accepted' AND i.accepted_at < p_before) LOOP
    PERFORM set_config('app.current_org', org::text, true);
    DELETE FROM invitations i
    WHERE i.org_id = org
      AND ((i.status IN ('pending', 'revoked') AND i.expires_at < p_before)
           OR (i.status = 'accepted' AND i.accepted_at < p_before));
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
  END LOOP;
  PERFORM set_config('app.current_org', coalesce(caller_org, ''), true);
  RETURN total;
END
$$;

-- Organizations soft-deleted before p_before, with every tenant row they own. The audit log keeps the
-- org's entries until partition retention drops them (maintain_audit_partitions), so that what happened
-- before the deletion can still be read and verified by whoever keeps the partitions; only the org's chain
-- head goes, since no entry is ever appended to a purged org.
CREATE FUNCTION core.purge_deleted_organizations(p_before timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = core, pg_temp AS $$
DECLARE
  caller_org text := current_setting('app.current_org', true);
  org uuid;
  total bigint := 0;
BEGIN
  FOR org IN SELECT o.id FROM organizations o WHERE o.deleted_at < p_before LOOP
    PERFORM set_config('app.current_org', org::text, true);
    DELETE FROM role_assignments WHERE org_id = org;
    DELETE FROM memberships WHERE org_id = org;
    DELETE FROM invitations WHERE org_id = org;
    DELETE FROM projects WHERE org_id = org;
    DELETE FROM teams WHERE org_id = org;
    DELETE FROM roles WHERE org_id = org;
    DELETE FROM audit_chain_heads WHERE org_id = org;
    DELETE FROM organizations WHERE id = org AND deleted_at < p_before;
    total := total + 1;
  END LOOP;
  PERFORM set_config('app.current_org', coalesce(caller_org, ''), true);
  RETURN total;
END
$$;

-- Monthly partitions of audit_log named audit_log_YYYY_MM: creates those missing from the current month
-- through p_months_ahead months ahead, and drops those whose whole range ends before the start of the
-- current month minus p_retention_months months. New partitions are closed to core_app like the first ones
-- (V3): the application reaches them only through the parent table and its policy. Verification of an
-- org's chain starts at its first retained entry (see AuditLog.verify). Months are UTC months.
CREATE FUNCTION core.maintain_audit_partitions(p_months_ahead int, p_retention_months int) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = core, pg_temp SET TimeZone = 'UTC' AS $$
DECLARE
  month_start date := date_trunc('month', now());
  cutoff date;
  m date;
  part text;
  created jsonb := '[]';
  dropped jsonb := '[]';
BEGIN
  IF p_months_ahead IS NULL OR p_months_ahead < 0 OR p_months_ahead > 120 THEN
    RAISE EXCEPTION 'p_months_ahead must be between 0 and 120' USING ERRCODE = '22023';
  END IF;
  IF p_retention_months IS NULL OR p_retention_months < 1 THEN
    RAISE EXCEPTION 'p_retention_months must be at least 1' USING ERRCODE = '22023';
  END IF;
  cutoff := month_start - make_interval(months => p_retention_months);
  FOR i IN 0..p_months_ahead LOOP
    m := month_start + make_interval(months => i);
    part := 'audit_log_' || to_char(m, 'YYYY_MM');
    IF to_regclass('core.' || part) IS NULL THEN
      EXECUTE format('CREATE TABLE core.%I PARTITION OF core.audit_log FOR VALUES FROM (%L) TO (%L)',
                     part, m, m + interval '1 month');
      EXECUTE format('REVOKE ALL ON core.%I FROM core_app', part);
      created := created || to_jsonb(part);
    END IF;
  END LOOP;
  FOR part IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent = 'core.audit_log'::regclass AND c.relname ~ '^audit_log_[0-9]{4}_[0-9]{2}$'
              ORDER BY c.relname LOOP
    IF to_date(substr(part, 11), 'YYYY_MM') + interval '1 month' <= cutoff THEN
      EXECUTE format('DROP TABLE core.%I', part);
      dropped := dropped || to_jsonb(part);
    END IF;
  END LOOP;
  RETURN jsonb_build_object('created', created, 'dropped', dropped);
END
$$;

-- Completed outbox entries (Spring Modulith's event publication registry) completed before p_before.
-- core runs the registry's default completion mode (UPDATE: a published event is marked completed and kept),
-- so completed rows accumulate until this purge. Were the mode switched to DELETE, this would return 0.
CREATE FUNCTION core.purge_event_publications(p_before timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = core, pg_temp AS $$
DECLARE
  n bigint;
BEGIN
  DELETE FROM event_publication WHERE completion_date IS NOT NULL AND completion_date < p_before;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;

REVOKE ALL ON FUNCTION core.purge_expired_invitations(timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION core.purge_deleted_organizations(timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION core.maintain_audit_partitions(int, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION core.purge_event_publications(timestamptz) FROM PUBLIC;
GRANT USAGE ON SCHEMA core TO worker_app;
GRANT EXECUTE ON FUNCTION core.purge_expired_invitations(timestamptz) TO worker_app;
GRANT EXECUTE ON FUNCTION core.purge_deleted_organizations(timestamptz) TO worker_app;
GRANT EXECUTE ON FUNCTION core.maintain_audit_partitions(int, int) TO worker_app;
GRANT EXECUTE ON FUNCTION core.purge_event_publications(timestamptz) TO worker_app;
