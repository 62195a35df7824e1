package dev.tenantcore.worker.maintenance;

import dev.tenantcore.engines.test.SharedEngines;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Stand-ins for auth's and core's maintenance functions, with the exact signatures and grants of theirs (auth V9,
 * core's migrations): this database has only the worker's schema, so each stand-in records its call in
 * {@code maintenance_stand_in.calls} and answers a fixed count. Their own tests show what the real ones delete.
 */
final class StandIns {

    /** What each clean-up stand-in answers. */
    static final long REMOVED = 3;

    static final List<String> CLEAN_UPS = List.of(
            "auth.purge_expired",
            "auth.purge_event_publications",
            "core.purge_expired_invitations",
            "core.purge_deleted_organizations",
            "core.purge_event_publications");

    private static boolean created;

    private StandIns() {}

    static synchronized void create() throws SQLException {
        if (created) {
            return;
        }
        var sql = new StringBuilder("""
                CREATE SCHEMA IF NOT EXISTS auth;
                CREATE SCHEMA IF NOT EXISTS core;
                CREATE SCHEMA IF NOT EXISTS maintenance_stand_in;
                CREATE TABLE IF NOT EXISTS maintenance_stand_in.calls (
                    function text NOT NULL, cutoff timestamptz, months text, at timestamptz NOT NULL DEFAULT now());
                GRANT USAGE ON SCHEMA auth, core TO worker_app;
                CREATE OR REPLACE FUNCTION core.maintain_audit_partitions(p_months_ahead int, p_retention_months int)
                    RETURNS jsonb LANGUAGE sql SECURITY DEFINER AS $$
                        INSERT INTO maintenance_stand_in.calls (function, months)
                        VALUES ('core.maintain_audit_partitions', p_months_ahead || ',' || p_retention_months)
                        RETURNING '{"created":["audit_log_p2027_01","audit_log_p2027_02"],"dropped":["audit_log_p2025_10"]}'::jsonb
                    $$;
                REVOKE ALL ON FUNCTION core.maintain_audit_partitions(int, int) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION core.maintain_audit_partitions(int, int) TO worker_app;
                """);
        for (String function : CLEAN_UPS) {
            String parameter = function.equals("auth.purge_expired") ? "p_now" : "p_before";
            sql.append(
                            "CREATE OR REPLACE FUNCTION %1$s(%2$s timestamptz) RETURNS bigint LANGUAGE sql SECURITY DEFINER AS $$\n"
                                    .formatted(function, parameter))
                    .append(
                            "INSERT INTO maintenance_stand_in.calls (function, cutoff) VALUES ('%1$s', %2$s) RETURNING %3$d::bigint $$;\n"
                                    .formatted(function, parameter, REMOVED))
                    .append("REVOKE ALL ON FUNCTION %1$s(timestamptz) FROM PUBLIC;\n".formatted(function))
                    .append("GRANT EXECUTE ON FUNCTION %1$s(timestamptz) TO worker_app;\n".formatted(function));
        }
        admin(sql.toString());
        created = true;
    }

    static void admin(String sql) throws SQLException {
        try (var admin = SharedEngines.postgres().superuser();
                var statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A column of the recorded calls of the function, in order. */
    static List<Object> calls(String function, String column) throws SQLException {
        try (var admin = SharedEngines.postgres().superuser();
                var statement = admin.prepareStatement(
                        "SELECT " + column + " FROM maintenance_stand_in.calls WHERE function = ? ORDER BY at")) {
            statement.setString(1, function);
            try (var rows = statement.executeQuery()) {
                List<Object> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(column.equals("cutoff") ? rows.getObject(1, OffsetDateTime.class) : rows.getObject(1));
                }
                return values;
            }
        }
    }

    /**
     * Lets every task run again now, as at the start of a new period. The rows stay: ShedLock only updates a row
     * it once inserted.
     */
    static void unlockAll() throws SQLException {
        admin("UPDATE worker.shedlock SET lock_until = now() - interval '1 second' WHERE name LIKE 'worker.%'");
    }
}
