package dev.tenantcore.worker.jobs;

import dev.tenantcore.worker.tenancy.TenantTransactions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one delivery of a job: skips a job that is done already, records the attempt, calls the handler and
 * records the outcome. A failure is rethrown so that the error handler retries it or sends it to the
 * dead-letter topic; the offset is committed only after this returns. Every database step runs in a
 * transaction as the job's org (row-level security); an attempt costs two short transactions: the start
 * (processed-job log and status in one statement) and the done one (with the handler's effect).
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final Map<String, JobHandler> handlers;
    private final JobRecords records;
    private final JobStatuses statuses;
    private final ProcessedJobs processed;
    private final TenantTransactions tenants;
    private final JobMetrics metrics;

    JobRunner(
            List<JobHandler> handlers,
            JobRecords records,
            JobStatuses statuses,
            ProcessedJobs processed,
            TenantTransactions tenants,
            JobMetrics metrics) {
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.records = records;
        this.statuses = statuses;
        this.processed = processed;
        this.tenants = tenants;
        this.metrics = metrics;
    }

    void run(String type, ConsumerRecord<String, byte[]> record) {
        metrics.attempt(type);
        Job job = records.read(type, record.value());
        JobHandler handler = handlers.get(type);
        if (handler == null) {
            throw JobRejected.because("no handler for jobs of type " + type);
        }
        var start = tenants.inOrg(job.orgId(), job.actorId(), () -> processed.start(job));
        switch (start) {
            case DONE -> {
                metrics.outcome(type, "duplicate");
                log.info("job {} of type {} is done already; duplicate delivery skipped", job.id(), type);
                followUp(handler, job);
                return;
            }
            case FIRST -> metrics.latency(type, job.occurredAt());
            case AGAIN ->
                log.info("job {} was started before and not finished; an external effect may repeat", job.id());
        }
        long startNanos = System.nanoTime();
        try {
            var commit = new Commit(job);
            handler.handle(job, commit);
            if (!commit.used) {
                commit.inTransaction(() -> {});
            }
            String outcome = commit.duplicate ? "duplicate" : "succeeded";
            metrics.outcome(type, outcome);
            metrics.processing(type, outcome, startNanos);
        } catch (Exception e) {
            tenants.runInOrg(
                    job.orgId(), job.actorId(), () -> statuses.failed(job.id(), describe(e), publicMessage(e)));
            metrics.outcome(type, "failed");
            metrics.processing(type, "failed", startNanos);
            throw e instanceof RuntimeException runtime ? runtime : new JobAttemptFailed(e);
        }
        followUp(handler, job);
    }

    /** The handler's follow-up of a done job; a failure retries the delivery without touching the job's status. */
    private static void followUp(JobHandler handler, Job job) {
        try {
            handler.afterDone(job);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JobAttemptFailed(e);
        }
    }

    static String describe(Throwable e) {
        var text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 1500; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    static String publicMessage(Throwable e) {
        JobRejected rejected = rejection(e);
        return rejected != null ? rejected.getMessage() : "the job failed";
    }

    static @org.jspecify.annotations.Nullable JobRejected rejection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobRejected rejected) {
                return rejected;
            }
        }
        return null;
    }

    /** The handler's database effect and the processed-job record, in one transaction as the job's tenant. */
    private final class Commit implements JobCommit {

        private final Job job;
        private boolean used;
        private boolean duplicate;

        Commit(Job job) {
            this.job = job;
        }

        @Override
        public void inTransaction(Runnable effect) {
            used = true;
            tenants.runInOrg(job.orgId(), job.actorId(), () -> {
                if (!processed.done(job)) {
                    duplicate = true;
                    return;
                }
                effect.run();
            });
        }
    }

    /** A handler's checked exception, to be retried. */
    static final class JobAttemptFailed extends RuntimeException {
        JobAttemptFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
