-- Database roles and schemas of the system, run as a superuser before the services start
-- (the local launcher, the test engines, and docker compose's init step). Idempotent.
--
-- Each schema is owned by a role that Flyway migrates as. Each service connects at run time as an
-- application role that is neither superuser nor BYPASSRLS, so row-level security binds it.
-- One exception, read-only: core_catalog (see below).
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['auth_owner', 'core_owner', 'worker_owner'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD %L', r, r);
    END IF;
  END LOOP;
  FOREACH r IN ARRAY ARRAY['auth_app', 'core_app', 'worker_app'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD %L', r, r);
    END IF;
  END LOOP;
  -- core's catalog role: lists every org's organizations, teams and projects for search-service's
  -- reindex, so it bypasses row-level security. It can only read, and only those three tables: core's
  -- migration V6 grants SELECT on exactly them, it has no default privileges and no write grant, and
  -- core uses it from one small read-only pool in its internal catalog package.
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'core_catalog') THEN
    CREATE ROLE core_catalog LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD 'core_catalog';
  END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS auth AUTHORIZATION auth_owner;
CREATE SCHEMA IF NOT EXISTS core AUTHORIZATION core_owner;
CREATE SCHEMA IF NOT EXISTS analytics AUTHORIZATION core_owner;
CREATE SCHEMA IF NOT EXISTS worker AUTHORIZATION worker_owner;

REVOKE ALL ON SCHEMA public FROM PUBLIC;

GRANT USAGE ON SCHEMA auth TO auth_app;
GRANT USAGE ON SCHEMA core, analytics TO core_app;
GRANT USAGE ON SCHEMA core TO core_catalog;
GRANT USAGE ON SCHEMA worker TO worker_app;

-- Tables the owners create later are usable by their application roles, for data only (no DDL).
ALTER DEFAULT PRIVILEGES FOR ROLE auth_owner IN SCHEMA auth
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO auth_app;
ALTER DEFAULT PRIVILEGES FOR ROLE auth_owner IN SCHEMA auth GRANT USAGE, SELECT ON SEQUENCES TO auth_app;
ALTER DEFAULT PRIVILEGES FOR ROLE core_owner IN SCHEMA core
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO core_app;
ALTER DEFAULT PRIVILEGES FOR ROLE core_owner IN SCHEMA core GRANT USAGE, SELECT ON SEQUENCES TO core_app;
ALTER DEFAULT PRIVILEGES FOR ROLE core_owner IN SCHEMA analytics GRANT SELECT ON TABLES TO core_app;
ALTER DEFAULT PRIVILEGES FOR ROLE worker_owner IN SCHEMA worker
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO worker_app;
ALTER DEFAULT PRIVILEGES FOR ROLE worker_owner IN SCHEMA worker GRANT USAGE, SELECT ON SEQUENCES TO worker_app;
