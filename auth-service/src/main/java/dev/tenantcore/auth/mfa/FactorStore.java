package dev.tenantcore.auth.mfa;

import dev.tenantcore.auth.crypto.EnvelopeEncryption;
import dev.tenantcore.auth.crypto.OpaqueTokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mfa_factors}, {@code mfa_challenges} and {@code mfa_recovery_codes} tables. */
@Repository
class FactorStore {

    private static final String COLUMNS = "id, factor_type, friendly_name, status, created_at, updated_at";

    private final JdbcClient jdbc;

    FactorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Secret(
            UUID userId,
            String status,
            EnvelopeEncryption.Sealed sealed,
            @Nullable Long lastUsedStep) {}

    void insert(UUID id, UUID userId, @Nullable String friendlyName, EnvelopeEncryption.Sealed secret) {
        jdbc.sql("""
                        INSERT INTO mfa_factors (id, user_id, friendly_name, secret_enc, kek_id) VALUES (?, ?, ?, ?, ?)
                        """)
                .params(id, userId, friendlyName, secret.bytes(), secret.kekId())
                .update();
    }

    boolean nameExists(UUID userId, String friendlyName) {
        return jdbc.sql("SELECT count(*) FROM mfa_factors WHERE user_id = ? AND friendly_name = ?")
                        .params(userId, friendlyName)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long count(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM mfa_factors WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    List<Factor> of(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mfa_factors WHERE user_id = ? ORDER BY created_at, id")
                .param(userId)
                .query(this::factor)
                .list();
    }

    Optional<Factor> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mfa_factors WHERE user_id = ? AND id = ?")
                .params(userId, id)
                .query(this::factor)
                .optional();
    }

    /** The factor's sealed secret, its row locked so that concurrent verifications are serialized. */
    Optional<Secret> lockSecret(UUID userId, UUID id) {
        return jdbc.sql("""
                        SELECT user_id, status, secret_enc, kek_id, last_used_step FROM mfa_factors
                        WHERE user_id = ? AND id = ? FOR UPDATE
                        """)
                .params(userId, id)
                .query((rs, n) -> new Secret(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("status"),
                        new EnvelopeEncryption.Sealed(rs.getString("kek_id"), rs.getBytes("secret_enc")),
                        rs.getObject("last_used_step", Long.class)))
                .optional();
    }

    /** Records the step of an accepted code and marks the factor verified. */
    void used(UUID id, long step) {
        jdbc.sql("""
                        UPDATE mfa_factors SET last_used_step = ?, status = 'verified', updated_at = now() WHERE id = ?
                        """).params(step, id).update();
    }

    boolean delete(UUID userId, UUID id) {
        return jdbc.sql("DELETE FROM mfa_factors WHERE user_id = ? AND id = ?")
                        .params(userId, id)
                        .update()
                == 1;
    }

    boolean hasVerified(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM mfa_factors WHERE user_id = ? AND status = 'verified'")
                        .param(userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void insertChallenge(UUID id, UUID factorId, String ip, Instant expiresAt) {
        jdbc.sql("INSERT INTO mfa_challenges (id, factor_id, ip, expires_at) VALUES (?, ?, ?, ?)")
                .params(id, factorId, ip, Timestamp.from(expiresAt))
                .update();
    }

    /** Answers the challenge, atomically: it must be the factor's, unanswered and unexpired. */
    boolean answer(UUID challengeId, UUID factorId) {
        return jdbc.sql("""
                                UPDATE mfa_challenges SET verified_at = now()
                                WHERE id = ? AND factor_id = ? AND verified_at IS NULL AND expires_at > now()
                                """).params(challengeId, factorId).update() == 1;
    }

    void replaceRecoveryCodes(UUID userId, List<String> codes) {
        jdbc.sql("DELETE FROM mfa_recovery_codes WHERE user_id = ?")
                .param(userId)
                .update();
        for (String code : codes) {
            jdbc.sql("INSERT INTO mfa_recovery_codes (user_id, code_hash) VALUES (?, ?)")
                    .params(userId, OpaqueTokens.sha256(code))
                    .update();
        }
    }

    void deleteRecoveryCodes(UUID userId) {
        jdbc.sql("DELETE FROM mfa_recovery_codes WHERE user_id = ?")
                .param(userId)
                .update();
    }

    /** Spends a recovery code, atomically (of two concurrent uses only one succeeds). */
    boolean spendRecoveryCode(UUID userId, String code) {
        return jdbc.sql("""
                                UPDATE mfa_recovery_codes SET used_at = now()
                                WHERE user_id = ? AND code_hash = ? AND used_at IS NULL
                                """).params(userId, OpaqueTokens.sha256(code)).update() == 1;
    }

    long unusedRecoveryCodes(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NULL")
                .param(userId)
                .query(Long.class)
                .single();
    }

    private Factor factor(ResultSet rs, int n) throws SQLException {
        return new Factor(
                rs.getObject("id", UUID.class),
                rs.getString("factor_type"),
                rs.getString("friendly_name"),
                rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
