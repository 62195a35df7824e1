package dev.tenantcore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.engines.test.SharedEngines;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clean-up functions worker-service calls (V9): run as worker_app, they delete what expired and keep what is
 * live; nobody else may call them. Rows are dated in the year 2000 so that other tests' rows are out of reach.
 */
@AuthServiceTest
class MaintenanceFunctionsTest {

    private static final String THEN = "2000-06-01T00:00:00Z";

    @Autowired
    JdbcClient jdbc;

    @Test
    void purgeExpiredDeletesExpiredRowsAndKeepsLiveOnes() throws Exception {
        UUID user = UUID.randomUUID();
        jdbc.sql("INSERT INTO users (id, email) VALUES (?, ?)")
                .params(user, Api.uniqueEmail("purge"))
                .update();
        UUID revoked = session(user, "2001-01-01", "2000-05-01");
        UUID expired = session(user, "2000-05-01", null);
        UUID live = session(user, "2001-01-01", null);
        long old = token(revoked, user, null);
        token(expired, user, null);
        long rotated = token(live, user, null);
        long current = token(live, user, rotated);
        jdbc.sql("UPDATE refresh_tokens SET rotated_at = '2000-05-01', successor_id = ? WHERE id = ?")
                .params(current, rotated)
                .update();
        oneTimeToken(user, "2000-05-01", null);
        oneTimeToken(user, "2001-01-01", "2000-05-01");
        UUID liveOtt = oneTimeToken(user, "2001-01-01", null);

        try (Connection worker = SharedEngines.postgres().connect("worker_app")) {
            // 2 sessions + their 2 refresh tokens + 2 one-time tokens
            assertThat(call(worker, "auth.purge_expired")).isEqualTo(6L);
            assertThat(call(worker, "auth.purge_expired")).isZero();
        }
        assertThat(count("sessions", user)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT id FROM sessions WHERE user_id = ?")
                        .param(user)
                        .query(UUID.class)
                        .single())
                .isEqualTo(live);
        // Reuse detection needs the live session's rotated token: it stays.
        assertThat(jdbc.sql("SELECT id FROM refresh_tokens WHERE user_id = ? ORDER BY id")
                        .param(user)
                        .query(Long.class)
                        .list())
                .containsExactly(rotated, current)
                .doesNotContain(old);
        assertThat(jdbc.sql("SELECT id FROM one_time_tokens WHERE user_id = ?")
                        .param(user)
                        .query(UUID.class)
                        .list())
                .containsExactly(liveOtt);
        jdbc.sql("DELETE FROM users WHERE id = ?").param(user).update();
    }

    @Test
    void purgeEventPublicationsDeletesOnlyCompletedRowsBeforeTheCutOff() throws Exception {
        UUID done = publication("2000-05-01");
        UUID later = publication("2000-07-01");
        UUID pending = publication(null);
        try (Connection worker = SharedEngines.postgres().connect("worker_app")) {
            assertThat(call(worker, "auth.purge_event_publications")).isEqualTo(1L);
        }
        assertThat(jdbc.sql("SELECT id FROM event_publication WHERE id IN (?, ?, ?)")
                        .params(done, later, pending)
                        .query(UUID.class)
                        .list())
                .containsExactlyInAnyOrder(later, pending);
        jdbc.sql("DELETE FROM event_publication WHERE id IN (?, ?)")
                .params(later, pending)
                .update();
    }

    @Test
    void onlyTheWorkerMayCallThem() throws Exception {
        for (String function : new String[] {"auth.purge_expired", "auth.purge_event_publications"}) {
            try (Connection app = SharedEngines.postgres().connect("auth_app")) {
                assertThatThrownBy(() -> call(app, function))
                        .isInstanceOf(SQLException.class)
                        .extracting(e -> ((SQLException) e).getSQLState())
                        .isEqualTo("42501");
            }
            try (Connection admin = SharedEngines.postgres().superuser();
                    var query = admin.prepareStatement("""
                            SELECT has_function_privilege('public', p.oid, 'EXECUTE'),
                                   has_function_privilege('worker_app', p.oid, 'EXECUTE'),
                                   p.prosecdef, pg_get_userbyid(p.proowner), array_to_string(p.proconfig, ',')
                            FROM pg_proc p WHERE p.oid = ?::regprocedure
                            """)) {
                query.setString(1, function + "(timestamptz)");
                try (var rs = query.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBoolean(1)).as("PUBLIC may execute").isFalse();
                    assertThat(rs.getBoolean(2)).as("worker_app may execute").isTrue();
                    assertThat(rs.getBoolean(3)).as("security definer").isTrue();
                    assertThat(rs.getString(4)).isEqualTo("auth_owner");
                    assertThat(rs.getString(5)).isEqualTo("search_path=auth, pg_temp");
                }
            }
        }
    }

    private static long call(Connection connection, String function) throws SQLException {
        try (var query = connection.prepareStatement("SELECT " + function + "(?::timestamptz)")) {
            query.setString(1, THEN);
            try (var rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private UUID session(UUID user, String notAfter, String revokedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO sessions (id, user_id, created_at, not_after, revoked_at)
                        VALUES (?, ?, '2000-04-01', ?::timestamptz, ?::timestamptz)
                        """).params(id, user, notAfter, revokedAt).update();
        return id;
    }

    private long token(UUID session, UUID user, Long parent) {
        byte[] hash = new byte[32];
        new java.security.SecureRandom().nextBytes(hash);
        return jdbc.sql("""
                        INSERT INTO refresh_tokens (token_hash, session_id, user_id, parent_id, created_at)
                        VALUES (?, ?, ?, ?, '2000-04-01') RETURNING id
                        """)
                .params(hash, session, user, parent)
                .query(Long.class)
                .single();
    }

    private UUID oneTimeToken(UUID user, String expiresAt, String usedAt) {
        UUID id = UUID.randomUUID();
        byte[] hash = new byte[32];
        new java.security.SecureRandom().nextBytes(hash);
        jdbc.sql("""
                        INSERT INTO one_time_tokens (id, user_id, purpose, token_hash, email, created_at, expires_at, used_at)
                        VALUES (?, ?, 'recovery', ?, 'x@example.test', '2000-04-01', ?::timestamptz, ?::timestamptz)
                        """).params(id, user, hash, expiresAt, usedAt).update();
        return id;
    }

    private UUID publication(String completedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,
                                                       completion_date, status)
                        VALUES (?, 'test.listener', 'java.lang.String', '"test"', '2000-04-01', ?::timestamptz, ?)
                        """)
                .params(id, completedAt, completedAt == null ? "PROCESSING" : "COMPLETED")
                .update();
        return id;
    }

    private long count(String table, UUID user) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE user_id = ?")
                .param(user)
                .query(Long.class)
                .single();
    }
}
