package dev.tenantcore.worker.maintenance;

import dev.tenantcore.worker.config.WorkerProperties;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scheduled clean-up of auth-service's data through the SECURITY DEFINER functions auth grants to
 * {@code worker_app} (auth's migration V9): the worker has no rights on auth's tables, and each function deletes
 * only what is past its cutoff and answers a count.
 */
@Component
public class AuthMaintenance {

    /** The lock name of {@link #purgeExpired()}. */
    public static final String PURGE_EXPIRED_LOCK = "worker.auth-purge-expired";

    /** The lock name of {@link #purgeEventPublications()}. */
    public static final String PUBLICATIONS_LOCK = "worker.auth-purge-event-publications";

    private final JdbcClient jdbc;
    private final WorkerProperties properties;
    private final MaintenanceRuns runs;

    AuthMaintenance(JdbcClient jdbc, WorkerProperties properties, MaintenanceRuns runs) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.runs = runs;
    }

    /** Deletes expired and revoked sessions, refresh tokens and one-time tokens ({@code auth.purge_expired}). */
    @Scheduled(cron = "${tenantcore.worker.scheduling.auth-purge-cron:0 7 * * * *}")
    @SchedulerLock(name = PURGE_EXPIRED_LOCK, lockAtLeastFor = "PT1M", lockAtMostFor = "PT15M")
    public void purgeExpired() {
        String task = "auth-purge-expired";
        runs.run(task, () -> runs.items(task, "removed", call("auth.purge_expired", Instant.now())));
    }

    /** Deletes auth's completed event publications past retention ({@code auth.purge_event_publications}). */
    @Scheduled(cron = "${tenantcore.worker.scheduling.auth-publications-cron:0 37 3 * * *}")
    @SchedulerLock(name = PUBLICATIONS_LOCK, lockAtLeastFor = "PT1M", lockAtMostFor = "PT15M")
    public void purgeEventPublications() {
        String task = "auth-purge-event-publications";
        Instant before = Instant.now().minus(properties.housekeeping().eventPublications());
        runs.run(task, () -> runs.items(task, "removed", call("auth.purge_event_publications", before)));
    }

    private long call(String function, Instant at) {
        return MaintenanceFunctions.call(jdbc, function, at);
    }
}
