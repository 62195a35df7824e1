-- Keys that sign access tokens. The private key is sealed with envelope encryption (AES-GCM data key wrapped by
-- the key-encryption key named in kek_id, from configuration), so the KEK can rotate without losing old rows.
CREATE TABLE signing_keys (
    kid             text PRIMARY KEY,
    algorithm       text        NOT NULL,
    public_jwk      text        NOT NULL,
    private_key_enc bytea       NOT NULL,
    kek_id          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Set when a newer key takes over signing; the key stays published until publish_until.
    retired_at      timestamptz,
    publish_until   timestamptz
);
