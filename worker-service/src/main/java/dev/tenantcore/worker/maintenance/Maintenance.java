package dev.tenantcore.worker.maintenance;

import dev.tenantcore.worker.config.WorkerProperties;
import dev.tenantcore.worker.jobs.Jobs;
import dev.tenantcore.worker.reports.ReportStore;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Maintenance of the worker's own data. Maintenance of other services' data (partitions, analytics views,
 * expired tokens and invitations, event publications, cache warming) belongs to those services' internal
 * endpoints and is not scheduled here yet.
 */
@Component
public class Maintenance {

    /** The lock name of {@link #purgeExpired()} in {@code worker.shedlock}. */
    public static final String PURGE_LOCK = "worker.purge-expired";

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    private final Jobs jobs;
    private final ReportStore reports;
    private final WorkerProperties properties;

    Maintenance(Jobs jobs, ReportStore reports, WorkerProperties properties) {
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
}
