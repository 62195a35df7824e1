package dev.tenantcore.auth.sessions;

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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code sessions} and {@code refresh_tokens} tables. */
@Repository
class SessionStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SessionStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Session(UUID id, UUID userId, String aal, List<String> amr, boolean active, Instant createdAt) {}

    /** A refresh token locked for rotation, with its session's state. */
    record LockedToken(
            long id,
            UUID sessionId,
            UUID userId,
            @Nullable Instant rotatedAt,
            boolean sessionActive,
            String aal,
            List<String> amr) {}

    void createSession(
            UUID id, UUID userId, String aal, List<String> amr, String ip, @Nullable String agent, Instant notAfter) {
        jdbc.sql("""
                        INSERT INTO sessions (id, user_id, aal, amr, ip, user_agent, not_after)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)
                        """)
                .params(id, userId, aal, json.writeValueAsString(amr), ip, agent, Timestamp.from(notAfter))
                .update();
    }

    long insertToken(String token, UUID sessionId, UUID userId, @Nullable Long parentId) {
        return jdbc.sql("""
                        INSERT INTO refresh_tokens (token_hash, session_id, user_id, parent_id)
                        VALUES (?, ?, ?, ?) RETURNING id
                        """)
                .params(OpaqueTokens.sha256(token), sessionId, userId, parentId)
                .query(Long.class)
                .single();
    }

    /** Locks the token's row: concurrent refreshes with one token are serialized here. */
    Optional<LockedToken> lockToken(String token) {
        return jdbc.sql("""
                        SELECT t.id, t.session_id, t.user_id, t.rotated_at, s.aal, s.amr,
                               (s.revoked_at IS NULL AND s.not_after > now()) AS active
                        FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
                        WHERE t.token_hash = ? FOR UPDATE OF t
                        """)
                .param(OpaqueTokens.sha256(token))
                .query((rs, n) -> new LockedToken(
                        rs.getLong("id"),
                        rs.getObject("session_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        instant(rs.getTimestamp("rotated_at")),
                        rs.getBoolean("active"),
                        rs.getString("aal"),
                        amr(rs)))
                .optional();
    }

    /**
     * Rotates a locked token in one statement: inserts its successor, marks it rotated (pointing at the successor)
     * and records the session's refresh.
     */
    void rotate(long id, String successor, UUID sessionId, UUID userId) {
        jdbc.sql("""
                        WITH successor AS (
                            INSERT INTO refresh_tokens (token_hash, session_id, user_id, parent_id)
                            VALUES (?, ?, ?, ?) RETURNING id),
                        rotated AS (
                            UPDATE refresh_tokens SET rotated_at = now(), successor_id = (SELECT id FROM successor)
                            WHERE id = ?)
                        UPDATE sessions SET refreshed_at = now() WHERE id = ?
                        """)
                .params(OpaqueTokens.sha256(successor), sessionId, userId, id, id, sessionId)
                .update();
    }

    Optional<Session> session(UUID id) {
        return jdbc.sql("""
                        SELECT id, user_id, aal, amr, (revoked_at IS NULL AND not_after > now()) AS active, created_at
                        FROM sessions WHERE id = ?
                        """)
                .param(id)
                .query((rs, n) -> new Session(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getString("aal"),
                        amr(rs),
                        rs.getBoolean("active"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    void raise(UUID sessionId, String aal, List<String> amr) {
        jdbc.sql("UPDATE sessions SET aal = ?, amr = ?::jsonb WHERE id = ?")
                .params(aal, json.writeValueAsString(amr), sessionId)
                .update();
    }

    /** Revokes the user's active sessions matching the filter; returns their ids. */
    List<UUID> revoke(UUID userId, @Nullable UUID only, @Nullable UUID except, String reason) {
        return jdbc.sql("""
                        UPDATE sessions SET revoked_at = now(), revoked_reason = ?
                        WHERE user_id = ? AND revoked_at IS NULL
                          AND (?::uuid IS NULL OR id = ?::uuid) AND (?::uuid IS NULL OR id <> ?::uuid)
                        RETURNING id
                        """)
                .params(reason, userId, only, only, except, except)
                .query((rs, n) -> rs.getObject("id", UUID.class))
                .list();
    }

    /** Deletes all of the user's sessions (their refresh tokens cascade); returns their ids. */
    List<UUID> deleteAll(UUID userId) {
        return jdbc.sql("DELETE FROM sessions WHERE user_id = ? RETURNING id")
                .param(userId)
                .query((rs, n) -> rs.getObject("id", UUID.class))
                .list();
    }

    long countActive(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND not_after > now()")
                .param(userId)
                .query(Long.class)
                .single();
    }

    List<SessionView> active(UUID userId, @Nullable UUID current, long offset, int limit) {
        return jdbc.sql("""
                        SELECT id, aal, amr, user_agent, ip, created_at, refreshed_at, not_after FROM sessions
                        WHERE user_id = ? AND revoked_at IS NULL AND not_after > now()
                        ORDER BY created_at DESC, id OFFSET ? LIMIT ?
                        """)
                .params(userId, offset, limit)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new SessionView(
                            id,
                            rs.getString("aal"),
                            amr(rs),
                            rs.getString("user_agent"),
                            rs.getString("ip"),
                            rs.getTimestamp("created_at").toInstant(),
                            instant(rs.getTimestamp("refreshed_at")),
                            rs.getTimestamp("not_after").toInstant(),
                            id.equals(current));
                })
                .list();
    }

    private List<String> amr(ResultSet rs) throws SQLException {
        return json.readValue(rs.getString("amr"), new TypeReference<List<String>>() {});
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
