package dev.tenantcore.worker.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code jobs} table: each job's status, attempts, errors and, once dead, where its dead letter lies. */
@Repository
class JobStatuses {

    private static final int MAX_ERROR = 2000;

    private final JdbcClient jdbc;

    JobStatuses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a job as queued; false if it is known already (a follow-up job queued again). */
    boolean queued(UUID id, @Nullable UUID orgId, String type) {
        return jdbc.sql("INSERT INTO jobs (id, org_id, type, status) VALUES (?, ?, ?, 'queued') ON CONFLICT DO NOTHING")
                        .params(id, orgId, type)
                        .update()
                == 1;
    }

    void forget(UUID id) {
        jdbc.sql("DELETE FROM jobs WHERE id = ? AND status = 'queued'")
                .param(id)
                .update();
    }

    void failed(UUID id, String lastError, String publicError) {
        jdbc.sql("UPDATE jobs SET status = 'failed', last_error = ?, public_error = ?, updated_at = now() WHERE id = ?")
                .params(truncate(lastError), publicError, id)
                .update();
    }

    void dead(DeadJob dead) {
        jdbc.sql("""
                INSERT INTO jobs (id, org_id, type, status, last_error, public_error, dlt_topic, dlt_partition,
                    dlt_offset, finished_at)
                VALUES (?, ?, ?, 'dead', ?, ?, ?, ?, ?, now())
                ON CONFLICT (id) DO UPDATE SET status = 'dead', last_error = EXCLUDED.last_error,
                    public_error = EXCLUDED.public_error, dlt_topic = EXCLUDED.dlt_topic,
                    dlt_partition = EXCLUDED.dlt_partition, dlt_offset = EXCLUDED.dlt_offset,
                    finished_at = now(), updated_at = now()
                """)
                .params(
                        dead.id(),
                        dead.orgId(),
                        dead.type(),
                        truncate(dead.lastError()),
                        dead.publicError(),
                        dead.topic(),
                        dead.partition(),
                        dead.offset())
                .update();
    }

    /** Back to queued after a re-drive, with a fresh count of attempts. */
    boolean requeued(UUID id) {
        return jdbc.sql("""
                UPDATE jobs SET status = 'queued', attempts = 0, dlt_topic = NULL, dlt_partition = NULL,
                    dlt_offset = NULL, finished_at = NULL, updated_at = now()
                WHERE id = ? AND status = 'dead'
                """).param(id).update() == 1;
    }

    Optional<JobView> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM jobs WHERE id = ? AND org_id = ?")
                .params(id, orgId)
                .query(JobStatuses::view)
                .optional();
    }

    /** A dead job of the org (null: a job without an org). */
    Optional<DeadJob> findDead(@Nullable UUID orgId, UUID id) {
        return jdbc.sql("""
                SELECT * FROM jobs
                WHERE id = ? AND org_id IS NOT DISTINCT FROM ? AND status = 'dead' AND dlt_topic IS NOT NULL
                """)
                .params(id, orgId)
                .query((rs, n) -> new DeadJob(
                        id,
                        rs.getObject("org_id", UUID.class),
                        rs.getString("type"),
                        String.valueOf(rs.getString("last_error")),
                        String.valueOf(rs.getString("public_error")),
                        rs.getString("dlt_topic"),
                        rs.getInt("dlt_partition"),
                        rs.getLong("dlt_offset")))
                .optional();
    }

    /**
     * Deletes the status of jobs finished before the cutoff, in every org: the one cross-org operation on this
     * table, done by the SECURITY DEFINER function {@code worker.purge_finished_jobs} (migration V5), which only
     * deletes past the cutoff and returns a count; the application role itself never sees across orgs.
     */
    int purgeFinishedBefore(Instant cutoff) {
        return jdbc.sql("SELECT worker.purge_finished_jobs(?)")
                .param(OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
                .query(Integer.class)
                .single();
    }

    private static JobView view(ResultSet rs, int row) throws SQLException {
        return new JobView(
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getString("public_error"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                nullableInstant(rs, "started_at"),
                nullableInstant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    /** A job on its dead-letter topic, and why. */
    record DeadJob(
            UUID id,
            @Nullable UUID orgId,
            String type,
            String lastError,
            String publicError,
            String topic,
            int partition,
            long offset) {}
}
