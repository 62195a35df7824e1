#!/usr/bin/env bash
# Runs once, after 10-roles.sql, when the data volume is first initialised: gives the roles the
# passwords from the environment (the roles script creates them with local-only passwords) and
# creates the role and lookup function PgBouncer authenticates clients with.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v auth_app="$AUTH_APP_PASSWORD" -v auth_owner="$AUTH_OWNER_PASSWORD" \
  -v core_app="$CORE_APP_PASSWORD" -v core_owner="$CORE_OWNER_PASSWORD" \
  -v core_catalog="$CORE_CATALOG_PASSWORD" \
  -v worker_app="$WORKER_APP_PASSWORD" -v worker_owner="$WORKER_OWNER_PASSWORD" \
  -v pgbouncer_auth="$PGBOUNCER_AUTH_PASSWORD" <<'SQL'
SET password_encryption = 'scram-sha-256';
ALTER ROLE auth_app PASSWORD :'auth_app';
ALTER ROLE auth_owner PASSWORD :'auth_owner';
ALTER ROLE core_app PASSWORD :'core_app';
ALTER ROLE core_owner PASSWORD :'core_owner';
ALTER ROLE core_catalog PASSWORD :'core_catalog';
ALTER ROLE worker_app PASSWORD :'worker_app';
ALTER ROLE worker_owner PASSWORD :'worker_owner';

CREATE ROLE pgbouncer_auth LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'pgbouncer_auth';
CREATE SCHEMA pgbouncer AUTHORIZATION postgres;
-- Only this function reads pg_shadow, with its owner's rights; pgbouncer_auth may only call it.
CREATE FUNCTION pgbouncer.get_auth(p_usename text) RETURNS TABLE (usename name, passwd text)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog
  AS $$ SELECT usename, passwd FROM pg_shadow WHERE usename = p_usename AND NOT usesuper $$;
REVOKE ALL ON FUNCTION pgbouncer.get_auth(text) FROM PUBLIC;
GRANT USAGE ON SCHEMA pgbouncer TO pgbouncer_auth;
GRANT EXECUTE ON FUNCTION pgbouncer.get_auth(text) TO pgbouncer_auth;
SQL
