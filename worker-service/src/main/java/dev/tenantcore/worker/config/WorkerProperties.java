package dev.tenantcore.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
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
 * @param reports where generated reports and exports are stored
 * @param housekeeping what the schedules keep of other services' data, and how much cache they warm
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
        @DefaultValue @Valid Scheduling scheduling,
        @DefaultValue @Valid Reports reports,
        @DefaultValue @Valid Housekeeping housekeeping) {

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
     * Spring cron expressions (second minute hour day month weekday, server time zone) of the maintenance
     * schedules; {@code -} turns one off. Each runs on one replica per period (ShedLock).
     *
     * @param enabled whether this instance runs schedules (each under a ShedLock lock)
     * @param purgeCron when finished jobs, old processed-job ids and expired reports are purged
     * @param analyticsCron when core's analytics views are refreshed
     * @param authPurgeCron when auth's expired and revoked sessions, refresh tokens and one-time tokens are purged
     * @param authPublicationsCron when auth's completed event publications are purged
     * @param invitationsCron when core's expired invitations are purged
     * @param deletedOrganizationsCron when core's soft-deleted organizations past retention are purged
     * @param auditPartitionsCron when the audit log's next monthly partitions are created and old ones dropped
     * @param corePublicationsCron when core's completed event publications are purged
     * @param cacheWarmCron when core warms the caches of its most active organizations
     */
    public record Scheduling(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0 17 * * * *") @NotBlank String purgeCron,
            @DefaultValue("0 */15 * * * *") @NotBlank String analyticsCron,
            @DefaultValue("0 7 * * * *") @NotBlank String authPurgeCron,
            @DefaultValue("0 37 3 * * *") @NotBlank String authPublicationsCron,
            @DefaultValue("0 27 * * * *") @NotBlank String invitationsCron,
            @DefaultValue("0 47 2 * * *") @NotBlank String deletedOrganizationsCron,
            @DefaultValue("0 5 1 * * *") @NotBlank String auditPartitionsCron,
            @DefaultValue("0 42 3 * * *") @NotBlank String corePublicationsCron,
            @DefaultValue("0 0 * * * *") @NotBlank String cacheWarmCron) {}

    /**
     * @param expiredInvitations how long an expired invitation is kept after it expired
     * @param deletedOrganizations how long a soft-deleted organization is kept (restorable) before it is purged
     * @param auditRetentionMonths how many months of audit log partitions are kept; older ones are dropped
     * @param auditMonthsAhead how many months ahead audit log partitions are created
     * @param eventPublications how long completed event publications (outbox) of auth and core are kept
     * @param cacheWarmLimit how many of the most active organizations core warms the caches of
     */
    public record Housekeeping(
            @DefaultValue("30d") @NotNull Duration expiredInvitations,
            @DefaultValue("30d") @NotNull Duration deletedOrganizations,
            @DefaultValue("13") @Min(1) int auditRetentionMonths,
            @DefaultValue("3") @Min(1) int auditMonthsAhead,
            @DefaultValue("7d") @NotNull Duration eventPublications,
            @DefaultValue("100") @Min(1) @Max(1000) int cacheWarmLimit) {}

    /**
     * @param store {@code postgres} (the default: {@code worker.reports}, bytea) or {@code s3} (an S3-compatible
     *     bucket, for large exports)
     * @param s3 the bucket, when {@code store} is {@code s3}
     */
    public record Reports(
            @DefaultValue("postgres") @NotNull Store store,
            @DefaultValue @Valid S3 s3) {

        /** The kinds of report store. */
        public enum Store {
            POSTGRES,
            S3
        }
    }

    /**
     * An S3-compatible bucket (AWS S3, MinIO, Ceph, ...). Objects are private: downloads are streamed through the
     * worker's API, never linked to the bucket.
     *
     * @param endpoint the service's URL; none for AWS S3 itself (the region's endpoint)
     * @param region the signing region
     * @param bucket the bucket, which must exist; objects are keyed {@code orgs/<orgId>/<reportId>}
     * @param accessKey the access key id; none to use the SDK's default credentials chain (environment, profile,
     *     instance or pod identity)
     * @param secretKey the secret access key, with {@code accessKey}
     * @param pathStyleAccess {@code <endpoint>/<bucket>/<key>} instead of {@code <bucket>.<endpoint>/<key>}; most
     *     self-hosted servers need it
     */
    public record S3(
            @Nullable URI endpoint,
            @DefaultValue("us-east-1") @NotBlank String region,
            @DefaultValue("tenantcore-reports") @NotBlank String bucket,
            @Nullable String accessKey,
            @Nullable String secretKey,
            @DefaultValue("false") boolean pathStyleAccess) {}
}
