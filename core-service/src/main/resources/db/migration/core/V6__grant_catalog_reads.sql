-- core_catalog reads every org's organizations, teams and projects for the internal listings that
-- search-service rebuilds its indices from. The role is created by the bootstrap script (only a superuser
-- may create a BYPASSRLS role); the schema owner grants it SELECT on exactly these three tables and
-- nothing else: no other table, no write, no default privileges. Schema usage is granted here too for
-- databases bootstrapped before the role existed.
GRANT USAGE ON SCHEMA core TO core_catalog;
GRANT SELECT ON organizations, teams, projects TO core_catalog;
