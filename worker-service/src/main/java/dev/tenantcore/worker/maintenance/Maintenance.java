package dev.tenantcore.worker.maintenance;

import dev.tenantcore.worker.config.WorkerProperties;
import dev.tenantcore.worker.jobs.Jobs;
import dev.tenantcore.worker.reports.ReportStore;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scheduled maintenance, each task under a ShedLock lock so one replica runs it per period: the worker's own
 * expired data, and core's usage analytics (the materialized views behind {@code GET /api/v1/orgs/{orgId}/usage}).
 * Other services' data is kept by {@link AuthMaintenance} and {@link CoreMaintenance}.
 */
@Component
public class Maintenance {

    /** The lock name of {@link #purgeExpired()} in {@code worker.shedlock}. */
    public static final String PURGE_LOCK = "worker.purge-expired";

    /** The lock name of {@link #refreshAnalytics()}. */
    public static final String ANALYTICS_LOCK = "worker.refresh-analytics";

    private final Jobs jobs;
    private final ReportStore reports;
    private final WorkerProperties properties;
    private final JdbcClient jdbc;
    private final MaintenanceRuns runs;

    Maintenance(Jobs jobs, ReportStore reports, WorkerProperties properties, JdbcClient jdbc, MaintenanceRuns runs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.reports = reports;
        this.properties = properties;
        this.runs = runs;
    }

    /**
     * Deletes finished jobs' status, old processed-job ids and expired reports past their retention, in every org.
     * This is the worker's one operation across orgs, and it is not run as any org: the application role cannot
     * see across orgs (row-level security), so each deletion is a SECURITY DEFINER function of the schema owner
     * (migration V5) that deletes only what is past its cutoff and returns a count, never a row. Reports in an
     * S3 bucket are deleted by the S3 store.
     */
    @Scheduled(cron = "${tenantcore.worker.scheduling.purge-cron:0 17 * * * *}")
    @SchedulerLock(name = PURGE_LOCK, lockAtLeastFor = "PT1M", lockAtMostFor = "PT15M")
    public void purgeExpired() {
        runs.run("purge-expired", () -> {
            Instant now = Instant.now();
            var retention = properties.retention();
            var purged = jobs.purge(now.minus(retention.finishedJobs()), now.minus(retention.processedJobs()));
            runs.items("purge-expired", "removed-job-statuses", purged.statuses());
            runs.items("purge-expired", "removed-processed-ids", purged.processedIds());
            runs.items("purge-expired", "removed-reports", reports.deleteExpired(now));
        });
    }

    /**
     * Refreshes core's analytics views concurrently (readers are never blocked) through
     * {@code analytics.refresh()}, a SECURITY DEFINER function of core's schema owner that core grants to
     * {@code worker_app} alone, so the worker needs no rights on core's tables. A failed refresh is logged and
     * retried at the next period; the views then show the previous refresh ({@code refreshed_at} says when).
     */
    @Scheduled(cron = "${tenantcore.worker.scheduling.analytics-cron:0 */15 * * * *}")
    @SchedulerLock(name = ANALYTICS_LOCK, lockAtLeastFor = "PT1M", lockAtMostFor = "PT30M")
    public void refreshAnalytics() {
        runs.run(
                "refresh-analytics",
                () -> jdbc.sql("select analytics.refresh()").query().listOfRows());
    }
}
