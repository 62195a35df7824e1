package dev.tenantcore.worker.jobs;

import dev.tenantcore.support.tenancy.TenantContext;
import dev.tenantcore.support.tenancy.TenantContext.Tenant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one delivery of a job: skips a job that is done already, records the attempt, calls the handler and
 * records the outcome. A failure is rethrown so that the error handler retries it or sends it to the
 * dead-letter topic; the offset is committed only after this returns.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final Map<String, JobHandler> handlers;
    private final JobRecords records;
    private final JobStatuses statuses;
    private final ProcessedJobs processed;
    private final TransactionTemplate transactions;
    private final JobMetrics metrics;

    JobRunner(
            List<JobHandler> handlers,
            JobRecords records,
            JobStatuses statuses,
            ProcessedJobs processed,
            TransactionTemplate transactions,
            JobMetrics metrics) {
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.records = records;
        this.statuses = statuses;
        this.processed = processed;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    void run(String type, ConsumerRecord<String, byte[]> record) {
        metrics.attempt(type);
        Job job = records.read(type, record.value());
        JobHandler handler = handlers.get(type);
        if (handler == null) {
            throw JobRejected.because("no handler for jobs of type " + type);
        }
        var state = processed.state(job.id());
        if (state.filter(ProcessedJobs.State.DONE::equals).isPresent()) {
            metrics.outcome(type, "duplicate");
            log.info("job {} of type {} is done already; duplicate delivery skipped", job.id(), type);
            return;
        }
        if (state.isEmpty()) {
            metrics.latency(type, job.occurredAt());
        } else {
            log.info("job {} was started before and not finished; an external effect may repeat", job.id());
        }
        statuses.running(job);
        processed.started(job.id(), type);
        long start = System.nanoTime();
        try {
            var commit = new Commit(job);
            handler.handle(job, commit);
            if (!commit.used) {
                commit.inTransaction(() -> {});
            }
            String outcome = commit.duplicate ? "duplicate" : "succeeded";
            metrics.outcome(type, outcome);
            metrics.processing(type, outcome, start);
        } catch (Exception e) {
            statuses.failed(job.id(), describe(e), publicMessage(e));
            metrics.outcome(type, "failed");
            metrics.processing(type, "failed", start);
            throw e instanceof RuntimeException runtime ? runtime : new JobAttemptFailed(e);
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
            Tenant tenant = new Tenant(job.orgId(), job.actorId());
            TenantContext.runAs(
                    tenant,
                    () -> transactions.executeWithoutResult(tx -> {
                        if (!processed.done(job.id(), job.type())) {
                            duplicate = true;
                            return;
                        }
                        effect.run();
                        statuses.succeeded(job.id());
                    }));
        }
    }

    /** A handler's checked exception, to be retried. */
    static final class JobAttemptFailed extends RuntimeException {
        JobAttemptFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
