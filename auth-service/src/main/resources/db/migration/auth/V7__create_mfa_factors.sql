-- Second factors (TOTP). The shared secret is sealed with envelope encryption (kek_id names the key-encryption
-- key); last_used_step makes each code usable once: a code is accepted only for a time step after the last one used.
CREATE TABLE mfa_factors (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    factor_type    text        NOT NULL DEFAULT 'totp' CHECK (factor_type IN ('totp')),
    friendly_name  text,
    status         text        NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'verified')),
    secret_enc     bytea       NOT NULL,
    kek_id         text        NOT NULL,
    last_used_step bigint,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mfa_factors_user_idx ON mfa_factors (user_id);
CREATE UNIQUE INDEX mfa_factors_friendly_name_key ON mfa_factors (user_id, friendly_name) WHERE friendly_name IS NOT NULL;

-- A challenge is answered once, before it expires.
CREATE TABLE mfa_challenges (
    id          uuid PRIMARY KEY,
    factor_id   uuid        NOT NULL REFERENCES mfa_factors (id) ON DELETE CASCADE,
    ip          text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    verified_at timestamptz
);
CREATE INDEX mfa_challenges_factor_idx ON mfa_challenges (factor_id);

-- Single-use recovery codes, stored as SHA-256 only (each code carries 80 random bits).
CREATE TABLE mfa_recovery_codes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz
);
CREATE INDEX mfa_recovery_codes_user_idx ON mfa_recovery_codes (user_id) WHERE used_at IS NULL;
