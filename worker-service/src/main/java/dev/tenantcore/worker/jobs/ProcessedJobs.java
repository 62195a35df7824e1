package dev.tenantcore.worker.jobs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The processed-job log (the debezium {@code MessageLog} pattern): a job id is {@code started} before its
 * effect and {@code done} with it, so a redelivered job is recognised and skipped.
 */
@Repository
class ProcessedJobs {

    enum State {
        STARTED,
        DONE
    }

    private final JdbcClient jdbc;

    ProcessedJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<State> state(UUID jobId) {
        return jdbc.sql("SELECT state FROM processed_jobs WHERE job_id = ?")
                .param(jobId)
                .query((rs, n) -> State.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)))
                .optional();
    }

    void started(UUID jobId, String type) {
        jdbc.sql("INSERT INTO processed_jobs (job_id, job_type, state) VALUES (?, ?, 'started') ON CONFLICT DO NOTHING")
                .params(jobId, type)
                .update();
    }

    /**
     * Marks the job done; false if it was done already. Call it inside the effect's transaction: the row lock
     * it takes makes a concurrent duplicate wait, then see {@code done}.
     */
    boolean done(UUID jobId, String type) {
        return jdbc.sql("""
                INSERT INTO processed_jobs (job_id, job_type, state, done_at) VALUES (?, ?, 'done', now())
                ON CONFLICT (job_id) DO UPDATE SET state = 'done', done_at = now()
                WHERE processed_jobs.state = 'started'
                """).params(jobId, type).update() == 1;
    }

    int purgeDoneBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM processed_jobs WHERE coalesce(done_at, started_at) < ?")
                .param(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
    }
}
