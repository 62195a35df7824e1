package dev.tenantcore.worker.maintenance;

import dev.tenantcore.worker.access.CoreApi;
import dev.tenantcore.worker.config.WorkerProperties;
import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scheduled maintenance of core-service's data: clean-up and audit log partitions through the SECURITY DEFINER
 * functions core grants to {@code worker_app} (the worker has no rights on core's tables), and cache warming
 * through core's internal API.
 */
@Component
public class CoreMaintenance {

    /** The lock name of {@link #purgeExpiredInvitations()}. */
    public static final String INVITATIONS_LOCK = "worker.core-purge-expired-invitations";

    /** The lock name of {@link #purgeDeletedOrganizations()}. */
    public static final String DELETED_ORGANIZATIONS_LOCK = "worker.core-purge-deleted-organizations";

    /** The lock name of {@link #maintainAuditPartitions()}. */
    public static final String AUDIT_PARTITIONS_LOCK = "worker.core-maintain-audit-partitions";

    /** The lock name of {@link #purgeEventPublications()}. */
    public static final String PUBLICATIONS_LOCK = "worker.core-purge-event-publications";

    /** The lock name of {@link #warmCaches()}. */
    public static final String CACHE_WARM_LOCK = "worker.core-warm-caches";

    private static final Logger log = LoggerFactory.getLogger(CoreMaintenance.class);

    private final JdbcClient jdbc;
    private final CoreApi core;
    private final WorkerProperties properties;
    private final MaintenanceRuns runs;
    private final JsonMapper json;

    CoreMaintenance(JdbcClient jdbc, CoreApi core, WorkerProperties properties, MaintenanceRuns runs, JsonMapper json) {
        this.jdbc = jdbc;
        this.core = core;
        this.properties = properties;
        this.runs = runs;
        this.json = json;
    }

    /** Deletes invitations that expired longer ago than the retention ({@code core.purge_expired_invitations}). */
    @Scheduled(cron = "${tenantcore.worker.scheduling.invitations-cron:0 27 * * * *}")
    @SchedulerLock(name = INVITATIONS_LOCK, lockAtLeastFor = "PT1M", lockAtMostFor = "PT15M")
    public void purgeExpiredInvitations() {
        purge(
                "core-purge-expired-invitations",
                "core.purge_expired_invitations",
                properties.housekeeping().expiredInvitations());
    }

    /** Purges organizations soft-deleted longer ago than the retention ({@code core.purge_deleted_organizations}). */
    @Scheduled(cron = "${tenantcore.worker.scheduling.deleted-organizations-cron:0 47 2 * * *}")
    @SchedulerLock(name = DELETED_ORGANIZATIONS_LOCK, lockAtLeastFor = "PT1M", lockAtMostFor = "PT30M")
    public void purgeDeletedOrganizations() {
        purge(
                "core-purge-deleted-organizations",
                "core.purge_deleted_organizations",
                properties.housekeeping().deletedOrganizations());
    }

    /** Deletes core's completed event publications past retention ({@code core.purge_event_publications}). */
    @Scheduled(cron = "${tenantcore.worker.scheduling.core-publications-cron:0 42 3 * * *}")
    @SchedulerLock(name = PUBLICATIONS_LOCK, lockAtLeastFor = "PT1M", lockAtMostFor = "PT15M")
    public void purgeEventPublications() {
        purge(
                "core-purge-event-publications",
                "core.purge_event_publications",
                properties.housekeeping().eventPublications());
    }

    /**
     * Creates the audit log's monthly partitions for the months ahead and drops those past retention
     * ({@code core.maintain_audit_partitions}, which answers {@code {"created":[...],"dropped":[...]}}).
     */
    @Scheduled(cron = "${tenantcore.worker.scheduling.audit-partitions-cron:0 5 1 * * *}")
    @SchedulerLock(name = AUDIT_PARTITIONS_LOCK, lockAtLeastFor = "PT1M", lockAtMostFor = "PT30M")
    public void maintainAuditPartitions() {
        String task = "core-maintain-audit-partitions";
        var housekeeping = properties.housekeeping();
        runs.run(task, () -> {
            String answer = jdbc.sql("SELECT core.maintain_audit_partitions(?, ?)::text")
                    .params(housekeeping.auditMonthsAhead(), housekeeping.auditRetentionMonths())
                    .query(String.class)
                    .single();
            JsonNode partitions = json.readTree(answer == null ? "{}" : answer);
            log.info(
                    "audit log partitions: created {}, dropped {}",
                    partitions.path("created"),
                    partitions.path("dropped"));
            runs.items(task, "created", partitions.path("created").size());
            runs.items(task, "dropped", partitions.path("dropped").size());
        });
    }

    /** Has core load the caches of its most active organizations ({@code POST /internal/cache/warm}). */
    @Scheduled(cron = "${tenantcore.worker.scheduling.cache-warm-cron:0 0 * * * *}")
    @SchedulerLock(name = CACHE_WARM_LOCK, lockAtLeastFor = "PT1M", lockAtMostFor = "PT15M")
    public void warmCaches() {
        String task = "core-warm-caches";
        runs.run(task, () -> {
            var warmed = core.warmCaches(properties.housekeeping().cacheWarmLimit());
            runs.items(task, "warmed-organizations", warmed.organizations());
            runs.items(task, "warmed-profiles", warmed.profiles());
        });
    }

    private void purge(String task, String function, Duration retention) {
        Instant before = Instant.now().minus(retention);
        runs.run(task, () -> runs.items(task, "removed", MaintenanceFunctions.call(jdbc, function, before)));
    }
}
