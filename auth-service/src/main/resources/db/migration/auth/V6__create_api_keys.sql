-- Organization API keys: tenant-owned, so row-level security binds them to the current org.
CREATE TABLE api_keys (
    id                   uuid PRIMARY KEY,
    org_id               uuid        NOT NULL,
    name                 text        NOT NULL,
    scopes               jsonb       NOT NULL DEFAULT '[]'::jsonb,
    prefix               text        NOT NULL UNIQUE,
    secret_hash          bytea       NOT NULL,
    -- After a rotation the previous secret keeps working until previous_valid_until.
    previous_prefix      text UNIQUE,
    previous_secret_hash bytea,
    previous_valid_until timestamptz,
    created_by           uuid        NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    expires_at           timestamptz,
    last_used_at         timestamptz,
    revoked_at           timestamptz
);
CREATE INDEX api_keys_org_idx ON api_keys (org_id, created_at DESC);

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY api_keys_tenant ON api_keys
    USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
    WITH CHECK (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

-- The gateway presents only the key: this prefix index (no secrets) tells which org to look in.
CREATE TABLE api_key_prefixes (
    prefix text PRIMARY KEY,
    key_id uuid NOT NULL,
    org_id uuid NOT NULL
);
