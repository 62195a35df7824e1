package dev.tenantcore.contracts.jobs;

/** The life of a job. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    /** Failed this attempt and will be retried. */
    FAILED,
    /** All attempts failed or the job can never succeed; it is on the dead-letter topic. */
    DEAD
}
