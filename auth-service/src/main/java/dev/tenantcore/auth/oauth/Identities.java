package dev.tenantcore.auth.oauth;

import dev.tenantcore.auth.crypto.EnvelopeEncryption;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code identities} table: provider identities linked to accounts. */
@Repository
class Identities {

    private final JdbcClient jdbc;

    Identities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> userOf(String provider, String subject) {
        return jdbc.sql("SELECT user_id FROM identities WHERE provider = ? AND subject = ?")
                .params(provider, subject)
                .query(UUID.class)
                .optional();
    }

    /** Links the identity; {@code false} when a concurrent sign-in linked it first. */
    boolean link(UUID userId, ExternalIdentity identity, EnvelopeEncryption.@Nullable Sealed tokens) {
        return jdbc.sql("""
                        INSERT INTO identities (id, user_id, provider, subject, email, email_verified,
                                                provider_tokens_enc, kek_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (provider, subject) DO NOTHING
                        """)
                        .params(
                                UUID.randomUUID(),
                                userId,
                                identity.provider(),
                                identity.subject(),
                                identity.email(),
                                identity.emailVerified(),
                                tokens == null ? null : tokens.bytes(),
                                tokens == null ? null : tokens.kekId())
                        .update()
                == 1;
    }

    /** Records a sign-in: what the provider says now, and its newest tokens when they are kept. */
    void signedIn(ExternalIdentity identity, EnvelopeEncryption.@Nullable Sealed tokens) {
        jdbc.sql("""
                        UPDATE identities SET email = ?, email_verified = ?, last_sign_in_at = now(),
                               provider_tokens_enc = coalesce(?, provider_tokens_enc), kek_id = coalesce(?, kek_id)
                        WHERE provider = ? AND subject = ?
                        """)
                .params(
                        identity.email(),
                        identity.emailVerified(),
                        tokens == null ? null : tokens.bytes(),
                        tokens == null ? null : tokens.kekId(),
                        identity.provider(),
                        identity.subject())
                .update();
    }
}
