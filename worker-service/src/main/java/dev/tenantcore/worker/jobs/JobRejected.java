package dev.tenantcore.worker.jobs;

/**
 * A job that can never succeed: malformed, invalid or asking for something unknown. It is not retried but
 * sent to the dead-letter topic at once. The message is written for the job's requester.
 */
public class JobRejected extends RuntimeException {

    protected JobRejected(String message, Throwable cause) {
        super(message, cause);
    }

    protected JobRejected(String message) {
        super(message);
    }

    public static JobRejected because(String reason) {
        return new JobRejected(reason);
    }

    public static JobRejected malformed(Throwable cause) {
        return new JobRejected("the job is not a valid job request", cause);
    }
}
