-- Clean-up that worker-service's schedules run. The worker has no rights on auth's tables; it may only call these
-- functions, which run as the schema owner (SECURITY DEFINER with a fixed search_path, so nothing the caller puts on
-- its path is resolved) and answer how many rows went, never the rows.

-- Deletes what can no longer be used as of p_now; returns how many rows went in all:
--   sessions revoked or past their refresh lifetime (not_after), with their refresh tokens;
--   one-time tokens (sign-up confirmation, recovery, e-mail change) that expired or were used;
--   MFA challenges that expired, MFA recovery codes that were used;
--   signing keys retired and no longer published (their tokens have expired).
-- Rotated refresh tokens of a live session stay until the session goes: reuse detection needs them (presenting
-- one after the grace window revokes the session), and the session's lifetime bounds them.
CREATE FUNCTION purge_expired(p_now timestamptz) RETURNS bigint
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = auth, pg_temp
AS $$
DECLARE
    v_total bigint := 0;
    v_count bigint;
BEGIN
    IF p_now IS NULL THEN
        RAISE EXCEPTION 'p_now must not be null';
    END IF;

    -- Refresh tokens first, so that they are counted (they would cascade with their sessions). Successor links
    -- inside one session only, so the whole chain goes together.
    DELETE FROM refresh_tokens t
    USING sessions s
    WHERE t.session_id = s.id AND (s.revoked_at < p_now OR s.not_after < p_now);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_total := v_total + v_count;

    DELETE FROM sessions WHERE revoked_at < p_now OR not_after < p_now;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_total := v_total + v_count;

    DELETE FROM one_time_tokens WHERE expires_at < p_now OR used_at < p_now;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_total := v_total + v_count;

    DELETE FROM mfa_challenges WHERE expires_at < p_now;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_total := v_total + v_count;

    DELETE FROM mfa_recovery_codes WHERE used_at < p_now;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_total := v_total + v_count;

    DELETE FROM signing_keys WHERE retired_at IS NOT NULL AND publish_until < p_now;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_total := v_total + v_count;

    RETURN v_total;
END;
$$;

-- Deletes outbox rows (Spring Modulith's event_publication) completed before p_before. This service runs the
-- registry with completion-mode DELETE, so completed publications are removed when they complete and this
-- normally returns 0; it still cleans up should the mode change to UPDATE. Incomplete rows are never touched
-- (they are resubmitted).
CREATE FUNCTION purge_event_publications(p_before timestamptz) RETURNS bigint
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = auth, pg_temp
AS $$
DECLARE
    v_count bigint;
BEGIN
    IF p_before IS NULL THEN
        RAISE EXCEPTION 'p_before must not be null';
    END IF;
    DELETE FROM event_publication WHERE completion_date IS NOT NULL AND completion_date < p_before;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END;
$$;

-- Owned by the schema's owner whoever runs the migration, so SECURITY DEFINER never runs with more rights.
DO $$
DECLARE
    v_owner text := (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'auth');
BEGIN
    EXECUTE format('ALTER FUNCTION auth.purge_expired(timestamptz) OWNER TO %I', v_owner);
    EXECUTE format('ALTER FUNCTION auth.purge_event_publications(timestamptz) OWNER TO %I', v_owner);
END;
$$;

REVOKE ALL ON FUNCTION purge_expired(timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION purge_event_publications(timestamptz) FROM PUBLIC;
GRANT USAGE ON SCHEMA auth TO worker_app;
GRANT EXECUTE ON FUNCTION purge_expired(timestamptz) TO worker_app;
GRANT EXECUTE ON FUNCTION purge_event_publications(timestamptz) TO worker_app;
