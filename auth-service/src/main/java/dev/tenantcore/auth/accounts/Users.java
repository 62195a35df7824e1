package dev.tenantcore.auth.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code users} table. */
@Repository
class Users {

    private static final String COLUMNS =
            "id, email, password_hash, email_confirmed_at, pending_email, user_metadata, last_sign_in_at, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Users(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A user row with its password hash, inside this feature only. */
    record Row(User user, @Nullable String passwordHash) {}

    boolean emailExists(String email) {
        return jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = lower(?)")
                        .param(email)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void insert(
            UUID id,
            String email,
            @Nullable String passwordHash,
            @Nullable Instant confirmedAt,
            Map<String, Object> metadata) {
        jdbc.sql("""
                        INSERT INTO users (id, email, password_hash, email_confirmed_at, user_metadata)
                        VALUES (?, ?, ?, ?, ?::jsonb)
                        """)
                .params(id, email, passwordHash, timestamp(confirmedAt), json.writeValueAsString(metadata))
                .update();
    }

    Optional<Row> byEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)")
                .param(email)
                .query(this::row)
                .optional();
    }

    Optional<Row> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?")
                .param(id)
                .query(this::row)
                .optional();
    }

    void updatePassword(UUID id, String hash) {
        jdbc.sql("UPDATE users SET password_hash = ?, updated_at = now() WHERE id = ?")
                .params(hash, id)
                .update();
    }

    void signedIn(UUID id) {
        jdbc.sql("UPDATE users SET last_sign_in_at = now() WHERE id = ?")
                .param(id)
                .update();
    }

    void confirmEmail(UUID id) {
        jdbc.sql(
                        "UPDATE users SET email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now() WHERE id = ?")
                .param(id)
                .update();
    }

    void setPendingEmail(UUID id, String email) {
        jdbc.sql("UPDATE users SET pending_email = ?, updated_at = now() WHERE id = ?")
                .params(email, id)
                .update();
    }

    /** Moves the confirmed pending address into place, if it is still the pending one. */
    boolean applyEmail(UUID id, String email) {
        return jdbc.sql("""
                                UPDATE users SET email = pending_email, pending_email = NULL, updated_at = now(),
                                       email_confirmed_at = now()
                                WHERE id = ? AND lower(pending_email) = lower(?)
                                """).params(id, email).update() == 1;
    }

    void updateMetadata(UUID id, Map<String, Object> metadata) {
        jdbc.sql("UPDATE users SET user_metadata = user_metadata || ?::jsonb, updated_at = now() WHERE id = ?")
                .params(json.writeValueAsString(metadata), id)
                .update();
    }

    /** Deletes the account; rows that reference it cascade. */
    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update() == 1;
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        Map<String, Object> metadata = json.readValue(rs.getString("user_metadata"), new TypeReference<>() {});
        var user = new User(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                instant(rs.getTimestamp("email_confirmed_at")),
                rs.getString("pending_email"),
                metadata,
                instant(rs.getTimestamp("last_sign_in_at")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
        return new Row(user, rs.getString("password_hash"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
