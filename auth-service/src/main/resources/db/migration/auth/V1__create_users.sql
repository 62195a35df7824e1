-- Accounts: login data only; profiles and tenancy live in core. Not tenant-owned (a user exists across orgs).
CREATE TABLE users (
    id                 uuid PRIMARY KEY,
    email              text        NOT NULL,
    -- Argon2id in its encoded form ($argon2id$v=19$m=...,t=...,p=...$salt$hash): the parameters travel with
    -- each hash, so raising them rehashes at the next successful login.
    password_hash      text,
    email_confirmed_at timestamptz,
    -- A requested e-mail change waits here until the new address is confirmed.
    pending_email      text,
    user_metadata      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    last_sign_in_at    timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
-- E-mail is unique regardless of case.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Single-use tokens sent by e-mail (sign-up confirmation, recovery, e-mail change), stored as SHA-256 only.
CREATE TABLE one_time_tokens (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text        NOT NULL CHECK (purpose IN ('signup', 'recovery', 'email_change')),
    token_hash bytea       NOT NULL UNIQUE,
    email      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);
