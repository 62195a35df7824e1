-- Users, roles, memberships, role assignments, teams, projects and invitations.
--
-- Every tenant table carries org_id, has ENABLE + FORCE ROW LEVEL SECURITY, and a policy on the
-- transaction-local setting app.current_org. Writes are only ever allowed into the current org.
-- Two reads go beyond the current org, both only while NO org is set and only for the acting user
-- (app.current_user): the user's own memberships, and the organizations and roles behind them, so that
-- "list my organizations" works without opening any other tenant data.

-- Profiles of authenticated users (id = the auth user id). Not tenant data: a person belongs to many orgs.
CREATE TABLE users (
    id           uuid PRIMARY KEY,
    email        text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 320),
    display_name text CHECK (char_length(display_name) <= 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_email_idx ON users (lower(email));

ALTER TABLE organizations ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE organizations ADD COLUMN created_by uuid;

CREATE TABLE roles (
    id          uuid PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organizations (id),
    name        text        NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,49}$'),
    description text CHECK (char_length(description) <= 500),
    built_in    boolean     NOT NULL DEFAULT false,
    permissions jsonb       NOT NULL DEFAULT '[]',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint      NOT NULL DEFAULT 1,
    UNIQUE (org_id, name)
);

CREATE TABLE memberships (
    org_id     uuid        NOT NULL REFERENCES organizations (id),
    user_id    uuid        NOT NULL REFERENCES users (id),
    role_id    uuid        NOT NULL REFERENCES roles (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_org_role_idx ON memberships (org_id, role_id);
CREATE INDEX memberships_user_idx ON memberships (user_id, org_id);

CREATE TABLE teams (
    id          uuid PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organizations (id),
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description text CHECK (char_length(description) <= 2000),
    created_by  uuid        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint      NOT NULL DEFAULT 1,
    UNIQUE (org_id, id),
    UNIQUE (org_id, name)
);
CREATE INDEX teams_org_created_idx ON teams (org_id, created_at, id);

CREATE TABLE projects (
    id          uuid PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organizations (id),
    team_id     uuid,
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description text CHECK (char_length(description) <= 2000),
    created_by  uuid        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint      NOT NULL DEFAULT 1,
    UNIQUE (org_id, id),
    -- A project's team is always of the same org.
    FOREIGN KEY (org_id, team_id) REFERENCES teams (org_id, id) ON DELETE SET NULL (team_id)
);
CREATE INDEX projects_org_created_idx ON projects (org_id, created_at, id);
CREATE INDEX projects_org_team_idx ON projects (org_id, team_id);
CREATE INDEX projects_org_name_idx ON projects (org_id, lower(name));

-- A role bound to a user at a scope: the whole org, one team (and its projects) or one project.
-- Team and project members are the assignments at those scopes.
CREATE TABLE role_assignments (
    id         uuid PRIMARY KEY,
    org_id     uuid        NOT NULL REFERENCES organizations (id),
    user_id    uuid        NOT NULL REFERENCES users (id),
    role_id    uuid        NOT NULL REFERENCES roles (id),
    scope_type text        NOT NULL CHECK (scope_type IN ('org', 'team', 'project')),
    scope_id   uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, scope_type, scope_id, user_id)
);
CREATE INDEX role_assignments_org_user_idx ON role_assignments (org_id, user_id);
CREATE INDEX role_assignments_org_role_idx ON role_assignments (org_id, role_id);

CREATE TABLE invitations (
    id          uuid PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organizations (id),
    email       text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 320),
    role_id     uuid        NOT NULL REFERENCES roles (id),
    token_hash  bytea       NOT NULL UNIQUE,
    status      text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'revoked')),
    invited_by  uuid        NOT NULL,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    accepted_at timestamptz,
    accepted_by uuid,
    version     bigint      NOT NULL DEFAULT 1
);
CREATE INDEX invitations_org_status_idx ON invitations (org_id, status, created_at);
CREATE UNIQUE INDEX invitations_one_pending_per_email ON invitations (org_id, lower(email)) WHERE status = 'pending';

-- Row-level security.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY memberships_tenant_isolation ON memberships
    USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid
           OR (NULLIF(current_setting('app.current_org', true), '') IS NULL
               AND user_id = NULLIF(current_setting('app.current_user', true), '')::uuid))
    WITH CHECK (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

DROP POLICY organizations_tenant_isolation ON organizations;
CREATE POLICY organizations_tenant_isolation ON organizations
    USING (id = NULLIF(current_setting('app.current_org', true), '')::uuid
           OR (NULLIF(current_setting('app.current_org', true), '') IS NULL
               AND id IN (SELECT m.org_id FROM memberships m
                          WHERE m.user_id = NULLIF(current_setting('app.current_user', true), '')::uuid)))
    WITH CHECK (id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE roles FORCE ROW LEVEL SECURITY;
CREATE POLICY roles_tenant_isolation ON roles
    USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid
           OR (NULLIF(current_setting('app.current_org', true), '') IS NULL
               AND id IN (SELECT m.role_id FROM memberships m
                          WHERE m.user_id = NULLIF(current_setting('app.current_user', true), '')::uuid)))
    WITH CHECK (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['teams', 'projects', 'role_assignments'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
        USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
        WITH CHECK (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid)$p$,
        t || '_tenant_isolation', t);
  END LOOP;
END
$$;

-- Invitations: the org's own, or (with no org set) the one whose token the caller presented, so that
-- accepting an invitation can find its org without opening any other row.
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY invitations_tenant_isolation ON invitations
    USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid
           OR (NULLIF(current_setting('app.current_org', true), '') IS NULL
               AND token_hash = decode(NULLIF(current_setting('app.invitation_token_hash', true), ''), 'hex')))
    WITH CHECK (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid);
