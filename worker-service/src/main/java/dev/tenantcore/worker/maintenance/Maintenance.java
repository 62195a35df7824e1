package dev.tenantcore.worker.maintenance;

import dev.tenantcore.worker.config.WorkerProperties;
import dev.tenantcore.worker.jobs.Jobs;
import dev.tenantcore.worker.reports.ReportStore;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scheduled maintenance, each task under a ShedLock lock so one replica runs it per period: the worker's own
 * expired data, and core's usage analytics (the materialized views behind {@code GET /api/v1/orgs/{orgId}/usage}).
 * Maintenance of other services' data (partitions, expired tokens and invitations, event publications, cache
 * warming) belongs to those services' internal endpoints and is not scheduled here yet.
 */
@Component
public class Maintenance {

    /** The lock name of {@link #purgeExpired()} in {@code worker.shedlock}. */
    public static final String PURGE_LOCK = "worker.purge-expired";

    /** The lock name of {@link #refreshAnalytics()}. */
    public static final String ANALYTICS_LOCK = "worker.refresh-analytics";

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    private final Jobs jobs;
    private final ReportStore reports;
    private final WorkerProperties properties;
    private final JdbcClient jdbc;

    Maintenance(Jobs jobs, ReportStore reports, WorkerProperties properties, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.reports = reports;
        this.properties = properties;
    }

    /**
     * Deletes finished jobs' status, old processed-job ids and expired reports past their retention, in every org.
     * This is the worker's one operation across orgs, and it is not run as any org: the application role cannot
     * see across orgs (row-level security), so each deletion is a SECURITY DEFINER function of the schema owner
     * (migration V5) that deletes only what is past its cutoff and returns a count, never a row.
     */
    @Scheduled(cron = "${tenantcore.worker.scheduling.purge-cron:0 17 * * * *}")
    @SchedulerLock(name = PURGE_LOCK, lockAtLeastFor = "PT1M", lockAtMostFor = "PT15M")
    public void purgeExpired() {
        Instant now = Instant.now();
        var retention = properties.retention();
        var purged = jobs.purge(now.minus(retention.finishedJobs()), now.minus(retention.processedJobs()));
        int expiredReports = reports.deleteExpired(now);
        log.info(
                "purged {} job statuses, {} processed-job ids, {} expired reports",
                purged.statuses(),
                purged.processedIds(),
                expiredReports);
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
        long started = System.nanoTime();
        try {
            jdbc.sql("select analytics.refresh()").query().listOfRows();
            log.info("refreshed the analytics views in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (DataAccessException e) {
            log.warn(
                    "analytics views not refreshed, next try at the next period: {}",
                    e.getMostSpecificCause().toString());
        }
    }
}
