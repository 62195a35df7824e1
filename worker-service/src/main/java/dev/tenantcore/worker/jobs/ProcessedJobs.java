package dev.tenantcore.worker.jobs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The processed-job log (the debezium {@code MessageLog} pattern): a job id is {@code started} before its
 * effect and {@code done} with it, so a redelivered job is recognised and skipped. The job's status row
 * ({@code jobs}) moves with it: each step is one statement over both tables, so that an attempt costs two short
 * transactions (start, done) and no more round trips than needed. Call inside a transaction as the job's org.
 */
@Repository
class ProcessedJobs {

    /** What a delivery finds when it starts. */
    enum Start {
        /** The job was never started: its first attempt. */
        FIRST,
        /** The job was started and not finished (a retry, or a redelivery after a crash). */
        AGAIN,
        /** The job is done: a duplicate delivery, to be skipped. */
        DONE
    }

    private final JdbcClient jdbc;

    ProcessedJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the start of an attempt: marks the job {@code started} (if it is not done) and its status
     * {@code running} with one more attempt; a job first seen here (queued by another service) gets its status
     * row now. A done job is left as it is.
     */
    Start start(Job job) {
        // xmax = 0 on the returned row: it was inserted, not updated (the job's first attempt).
        return jdbc.sql("""
                WITH started AS (
                    INSERT INTO processed_jobs (job_id, org_id, job_type, state) VALUES (:id, CAST(:org AS uuid), :type, 'started')
                    ON CONFLICT (job_id) DO UPDATE SET state = 'started' WHERE processed_jobs.state = 'started'
                    RETURNING job_id, xmax = 0 AS first),
                running AS (
                    INSERT INTO jobs (id, org_id, type, status, attempts, started_at)
                    SELECT job_id, CAST(:org AS uuid), :type, 'running', 1, now() FROM started
                    ON CONFLICT (id) DO UPDATE SET status = 'running', attempts = jobs.attempts + 1,
                        started_at = now(), updated_at = now()
                    RETURNING id)
                SELECT first FROM started
                """)
                .param("id", job.id())
                .param("org", job.orgId())
                .param("type", job.type())
                .query((rs, n) -> rs.getBoolean(1) ? Start.FIRST : Start.AGAIN)
                .optional()
                .orElse(Start.DONE);
    }

    /**
     * Marks the job done and its status {@code succeeded}; false if it was done already. Call it inside the
     * effect's transaction: the row lock it takes makes a concurrent duplicate wait, then see {@code done}.
     */
    boolean done(Job job) {
        return jdbc.sql("""
                WITH done AS (
                    INSERT INTO processed_jobs (job_id, org_id, job_type, state, done_at)
                    VALUES (:id, CAST(:org AS uuid), :type, 'done', now())
                    ON CONFLICT (job_id) DO UPDATE SET state = 'done', done_at = now()
                    WHERE processed_jobs.state = 'started'
                    RETURNING job_id),
                succeeded AS (
                    UPDATE jobs SET status = 'succeeded', public_error = NULL, finished_at = now(), updated_at = now()
                    WHERE id IN (SELECT job_id FROM done)
                    RETURNING id)
                SELECT count(*) FROM done
                """)
                        .param("id", job.id())
                        .param("org", job.orgId())
                        .param("type", job.type())
                        .query(Integer.class)
                        .single()
                == 1;
    }

    /**
     * Deletes processed-job ids older than the cutoff, in every org, through the SECURITY DEFINER function
     * {@code worker.purge_processed_jobs} (migration V5): retention is the one cross-org operation on this table.
     */
    int purgeDoneBefore(Instant cutoff) {
        return jdbc.sql("SELECT worker.purge_processed_jobs(?)")
                .param(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .query(Integer.class)
                .single();
    }
}
