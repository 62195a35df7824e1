package dev.tenantcore.worker.jobs;

/**
 * Does the work of one job type; one listener on {@code jobs.<type>} delivers to it. Throw {@link JobRejected}
 * for a job that can never succeed (it goes to the dead-letter topic at once); any other exception is retried.
 */
public interface JobHandler {

    /** The job type, e.g. {@code email}. */
    String type();

    /**
     * Does the job. A database effect is applied through {@code commit}, in one transaction with the record
     * that the job is done, so that a redelivered job has its effect once. An effect outside the database (an
     * e-mail) is done before returning; a crash after it and before the job is marked done repeats it.
     */
    void handle(Job job, JobCommit commit) throws Exception;
}
