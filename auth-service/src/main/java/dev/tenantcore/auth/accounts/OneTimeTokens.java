package dev.tenantcore.auth.accounts;

import dev.tenantcore.auth.crypto.OpaqueTokens;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Single-use tokens sent by e-mail, stored as SHA-256; a new token of a purpose voids the user's older ones. */
@Repository
class OneTimeTokens {

    enum Purpose {
        SIGNUP("signup"),
        RECOVERY("recovery"),
        EMAIL_CHANGE("email_change");

        final String value;

        Purpose(String value) {
            this.value = value;
        }
    }

    record Used(UUID userId, String email) {}

    private final JdbcClient jdbc;

    OneTimeTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String issue(UUID userId, Purpose purpose, String email, Duration ttl) {
        jdbc.sql("UPDATE one_time_tokens SET used_at = now() WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
                .params(userId, purpose.value)
                .update();
        String token = OpaqueTokens.random(32);
        jdbc.sql("""
                        INSERT INTO one_time_tokens (id, user_id, purpose, token_hash, email, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        UUID.randomUUID(),
                        userId,
                        purpose.value,
                        OpaqueTokens.sha256(token),
                        email,
                        Timestamp.from(Instant.now().plus(ttl)))
                .update();
        return token;
    }

    /** Marks the token used, atomically: of two concurrent uses only one succeeds. */
    Optional<Used> consume(Purpose purpose, String token) {
        return jdbc.sql("""
                        UPDATE one_time_tokens SET used_at = now()
                        WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > now()
                        RETURNING user_id, email
                        """)
                .params(OpaqueTokens.sha256(token), purpose.value)
                .query((rs, n) -> new Used(rs.getObject("user_id", UUID.class), rs.getString("email")))
                .optional();
    }
}
