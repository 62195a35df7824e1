package dev.tenantcore.worker.jobs;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job's status as its organization's members see it.
 *
 * @param id the job id
 * @param type the job type
 * @param status queued, running, succeeded, failed (will be retried) or dead
 * @param attempts attempts so far
 * @param error why the last attempt failed, when it did
 * @param createdAt when the worker first saw or queued the job
 * @param updatedAt the last change
 * @param startedAt the start of the last attempt
 * @param finishedAt when it succeeded or died
 */
public record JobView(
        UUID id,
        String type,
        String status,
        int attempts,
        @Nullable String error,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {}
