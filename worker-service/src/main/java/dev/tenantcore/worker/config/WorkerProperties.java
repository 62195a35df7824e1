package dev.tenantcore.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's settings.
 *
 * @param frontendUrl the frontend's base URL; links in e-mails are built on it
 * @param coreUrl core-service's base URL for its internal API (authorization, audit log, export)
 * @param mailFrom the sender of every e-mail
 * @param retries how failed jobs are retried
 * @param retention how long finished work is kept
 * @param scheduling the maintenance schedules
 */
@Validated
@ConfigurationProperties("tenantcore.worker")
public record WorkerProperties(
        @DefaultValue("http://localhost:3000") @NotNull URI frontendUrl,
        @DefaultValue("http://127.0.0.1:8082") @NotNull URI coreUrl,

        @DefaultValue("TenantCore <no-reply@tenantcore.local>") @NotBlank
        String mailFrom,

        @DefaultValue @Valid Retries retries,
        @DefaultValue @Valid Retention retention,
        @DefaultValue @Valid Scheduling scheduling) {

    /**
     * @param attempts attempts in all, the first included; then the job goes to its dead-letter topic
     * @param initialBackoff the wait before the second attempt
     * @param multiplier how much each further wait grows
     */
    public record Retries(
            @DefaultValue("3") @Min(1) int attempts,
            @DefaultValue("1s") @NotNull Duration initialBackoff,
            @DefaultValue("2.0") double multiplier) {}

    /**
     * @param processedJobs how long a processed job id is remembered; keep it longer than a job can be
     *     redelivered (the topic's retention), or a late duplicate runs again
     * @param finishedJobs how long the status of a succeeded or dead job stays queryable
     * @param reports how long a generated report or export can be downloaded
     */
    public record Retention(
            @DefaultValue("14d") @NotNull Duration processedJobs,
            @DefaultValue("30d") @NotNull Duration finishedJobs,
            @DefaultValue("7d") @NotNull Duration reports) {}

    /**
     * @param enabled whether this instance runs schedules (each under a ShedLock lock)
     * @param purgeCron when finished jobs, old processed-job ids and expired reports are purged
     */
    public record Scheduling(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0 17 * * * *") @NotBlank String purgeCron) {}
}
