package dev.tenantcore.worker.jobs;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.jobs.JobRequest;
import dev.tenantcore.support.web.ApiException;
import dev.tenantcore.worker.tenancy.TenantTransactions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/** The jobs feature's API: queue a job, read its status, re-drive a dead one, purge finished ones. */
@Service
public class Jobs {

    private static final long SEND_TIMEOUT_MS = 5_000;

    private final JobStatuses statuses;
    private final ProcessedJobs processed;
    private final JobRecords records;
    private final KafkaTemplate<Object, Object> template;
    private final Redrive redrive;
    private final TenantTransactions tenants;

    Jobs(
            JobStatuses statuses,
            ProcessedJobs processed,
            JobRecords records,
            KafkaTemplate<Object, Object> template,
            Redrive redrive,
            TenantTransactions tenants) {
        this.statuses = statuses;
        this.processed = processed;
        this.records = records;
        this.template = template;
        this.redrive = redrive;
        this.tenants = tenants;
    }

    /**
     * Queues a job on {@code jobs.<type>}, keyed by org id, and records it as queued. The row is written
     * before the record is sent so that the consumer finds it; if the send fails the row is removed and the
     * caller is told the service is unavailable.
     */
    public UUID enqueue(String type, UUID orgId, @Nullable UUID actorId, Map<String, Object> payload) {
        var metadata = EventMetadata.now(type, orgId, actorId);
        try {
            send(metadata, payload);
        } catch (JobNotQueued e) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "The job could not be queued; try again later");
        }
        return metadata.id();
    }

    /**
     * Queues a follow-up job with an id of the caller's choosing, derived from the job it follows, so that
     * queueing it again (the first job redelivered after a crash) makes the same job, which its handler runs
     * once. Throws {@link JobNotQueued} (to be retried) if it cannot be sent.
     */
    public void enqueueOnce(UUID id, String type, UUID orgId, @Nullable UUID actorId, Map<String, Object> payload) {
        send(new EventMetadata(id, type, Instant.now(), orgId, actorId, null), payload);
    }

    private void send(EventMetadata metadata, Map<String, Object> payload) {
        UUID orgId = java.util.Objects.requireNonNull(metadata.orgId());
        boolean inserted =
                tenants.inOrg(orgId, metadata.actorId(), () -> statuses.queued(metadata.id(), orgId, metadata.type()));
        try {
            template.send(
                            Topics.jobs(metadata.type()),
                            orgId.toString(),
                            records.write(new JobRequest(metadata, payload)))
                    .get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (inserted) {
                tenants.runInOrg(orgId, metadata.actorId(), () -> statuses.forget(metadata.id()));
            }
            throw new JobNotQueued(metadata.type(), e);
        }
    }

    /** A job that could not be sent to its topic. */
    public static final class JobNotQueued extends RuntimeException {
        JobNotQueued(String type, Throwable cause) {
            super("a " + type + " job could not be queued", cause);
        }
    }

    /** The status of an org's job. */
    public Optional<JobView> find(UUID orgId, UUID jobId) {
        return tenants.inOrg(orgId, null, () -> statuses.find(orgId, jobId));
    }

    /**
     * Publishes a dead job's record to its topic again; false if the job is not dead. A re-drive names the job's
     * org (null for a job without one, e.g. a sign-up e-mail) and sees only that org's jobs: operators act on one
     * org at a time, and no path of the worker lists jobs across orgs.
     */
    public boolean redrive(@Nullable UUID orgId, UUID jobId) throws Exception {
        return redrive.redrive(orgId, jobId);
    }

    /** Deletes the status of jobs finished before one cutoff and processed-job ids older than another. */
    public Purged purge(Instant finishedBefore, Instant processedBefore) {
        return new Purged(statuses.purgeFinishedBefore(finishedBefore), processed.purgeDoneBefore(processedBefore));
    }

    /**
     * @param statuses job status rows deleted
     * @param processedIds processed-job ids deleted
     */
    public record Purged(int statuses, int processedIds) {}
}
