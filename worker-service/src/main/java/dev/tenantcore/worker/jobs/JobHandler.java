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

    /**
     * A follow-up of a done job, e.g. queueing a notification. Called after the job is done, and again whenever a
     * delivery of the job finds it done already, so that a crash between the two does not lose the follow-up: it
     * must be idempotent (queue a job with an id derived from this job's, see
     * {@link Jobs#enqueueOnce}). An exception retries the delivery, which then only repeats this step; after the
     * last attempt the record is dead-lettered (the effect stays done) and a re-drive repeats this step.
     */
    default void afterDone(Job job) throws Exception {}
}
