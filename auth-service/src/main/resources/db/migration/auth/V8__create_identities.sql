-- External identities (OAuth2 / OpenID Connect providers) linked to accounts. A provider's subject is its stable
-- user id; the e-mail is what the provider said at the last sign-in. Provider tokens are sealed with envelope
-- encryption (kek_id names the key-encryption key), never stored in the clear.
CREATE TABLE identities (
    id                  uuid PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider            text        NOT NULL,
    subject             text        NOT NULL,
    email               text,
    email_verified      boolean     NOT NULL DEFAULT false,
    provider_tokens_enc bytea,
    kek_id              text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT identities_provider_subject_key UNIQUE (provider, subject),
    CONSTRAINT identities_tokens_sealed CHECK ((provider_tokens_enc IS NULL) = (kek_id IS NULL))
);
CREATE INDEX identities_user_idx ON identities (user_id);
