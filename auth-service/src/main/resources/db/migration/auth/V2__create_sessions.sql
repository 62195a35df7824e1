-- A session is one login; every token it issues carries its id as "sid".
CREATE TABLE sessions (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    aal         text        NOT NULL DEFAULT 'aal1',
    amr         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    user_agent  text,
    ip          text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    refreshed_at timestamptz,
    not_after   timestamptz NOT NULL,
    revoked_at  timestamptz,
    revoked_reason text
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens: opaque, stored as SHA-256 only, rotated on every use. A rotated token points at its successor
-- so that a concurrent refresh inside the grace window gets the same one; a later reuse revokes the session.
CREATE TABLE refresh_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   bytea       NOT NULL UNIQUE,
    session_id   uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    parent_id    bigint REFERENCES refresh_tokens (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    rotated_at   timestamptz,
    successor_id bigint REFERENCES refresh_tokens (id) ON DELETE SET NULL
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
