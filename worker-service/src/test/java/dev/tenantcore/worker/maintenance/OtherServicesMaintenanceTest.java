package dev.tenantcore.worker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenantcore.worker.CoreStub;
import dev.tenantcore.worker.WorkerServiceTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The schedules that keep auth's and core's data: each calls its owner's function with the configured cutoff,
 * counts the run and what it removed or created, and a failed run is counted and tried again at the next period.
 */
@WorkerServiceTest
class OtherServicesMaintenanceTest {

    @Autowired
    AuthMaintenance auth;

    @Autowired
    CoreMaintenance core;

    @Autowired
    MeterRegistry meters;

    final CoreStub coreStub = CoreStub.get();

    @BeforeEach
    void standIns() throws Exception {
        StandIns.create();
        StandIns.admin("TRUNCATE maintenance_stand_in.calls");
        StandIns.unlockAll();
    }

    @Test
    void callsEachCleanUpFunctionWithItsCutoffAndCountsWhatItRemoved() throws Exception {
        var tasks = List.of(
                "auth-purge-expired",
                "auth-purge-event-publications",
                "core-purge-expired-invitations",
                "core-purge-deleted-organizations",
                "core-purge-event-publications");
        var runsBefore = tasks.stream().map(t -> runs(t, "succeeded")).toList();
        var removedBefore = tasks.stream().map(t -> items(t, "removed")).toList();
        double createdBefore = items("core-maintain-audit-partitions", "created");
        double droppedBefore = items("core-maintain-audit-partitions", "dropped");

        auth.purgeExpired();
        auth.purgeEventPublications();
        core.purgeExpiredInvitations();
        core.purgeDeletedOrganizations();
        core.purgeEventPublications();
        core.maintainAuditPartitions();

        Instant now = Instant.now();
        assertThat(cutoff("auth.purge_expired")).isCloseTo(now, within(1, ChronoUnit.MINUTES));
        assertThat(cutoff("auth.purge_event_publications"))
                .isCloseTo(now.minus(Duration.ofDays(7)), within(1, ChronoUnit.MINUTES));
        assertThat(cutoff("core.purge_expired_invitations"))
                .isCloseTo(now.minus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
        assertThat(cutoff("core.purge_deleted_organizations"))
                .isCloseTo(now.minus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
        assertThat(cutoff("core.purge_event_publications"))
                .isCloseTo(now.minus(Duration.ofDays(7)), within(1, ChronoUnit.MINUTES));
        assertThat(StandIns.calls("core.maintain_audit_partitions", "months")).containsExactly("3,13");
        for (int i = 0; i < tasks.size(); i++) {
            assertThat(runs(tasks.get(i), "succeeded")).isEqualTo(runsBefore.get(i) + 1);
            assertThat(items(tasks.get(i), "removed")).isEqualTo(removedBefore.get(i) + StandIns.REMOVED);
        }
        assertThat(items("core-maintain-audit-partitions", "created")).isEqualTo(createdBefore + 2);
        assertThat(items("core-maintain-audit-partitions", "dropped")).isEqualTo(droppedBefore + 1);
    }

    @Test
    void warmsTheCachesOfTheMostActiveOrganizationsInCore() {
        double organizations = items("core-warm-caches", "warmed-organizations");
        double profiles = items("core-warm-caches", "warmed-profiles");
        int requests = coreStub.cacheWarmLimits().size();

        core.warmCaches();

        assertThat(coreStub.cacheWarmLimits()).hasSize(requests + 1).last().isEqualTo("100");
        assertThat(items("core-warm-caches", "warmed-organizations")).isEqualTo(organizations + 2);
        assertThat(items("core-warm-caches", "warmed-profiles")).isEqualTo(profiles + 5);
    }

    @Test
    void failedRunIsCountedAndTriedAgainAtTheNextPeriod() throws Exception {
        String task = "core-purge-expired-invitations";
        double failed = runs(task, "failed");
        double succeeded = runs(task, "succeeded");
        double warmFailed = runs("core-warm-caches", "failed");
        StandIns.admin("REVOKE EXECUTE ON FUNCTION core.purge_expired_invitations(timestamptz) FROM worker_app");
        coreStub.failCacheWarm(true);
        try {
            core.purgeExpiredInvitations();
            core.warmCaches();
        } finally {
            StandIns.admin("GRANT EXECUTE ON FUNCTION core.purge_expired_invitations(timestamptz) TO worker_app");
            coreStub.failCacheWarm(false);
        }
        assertThat(runs(task, "failed")).isEqualTo(failed + 1);
        assertThat(runs("core-warm-caches", "failed")).isEqualTo(warmFailed + 1);
        assertThat(cutoffs("core.purge_expired_invitations")).isEmpty();

        StandIns.unlockAll();
        core.purgeExpiredInvitations();

        assertThat(runs(task, "succeeded")).isEqualTo(succeeded + 1);
        assertThat(cutoffs("core.purge_expired_invitations")).hasSize(1);
    }

    private static Instant cutoff(String function) throws Exception {
        var cutoffs = cutoffs(function);
        assertThat(cutoffs).as(function).hasSize(1);
        return cutoffs.getFirst();
    }

    private static List<Instant> cutoffs(String function) throws Exception {
        return StandIns.calls(function, "cutoff").stream()
                .map(cutoff -> ((OffsetDateTime) cutoff).toInstant())
                .toList();
    }

    private double runs(String task, String outcome) {
        Counter counter = meters.find("worker.maintenance.runs")
                .tags("task", task, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double items(String task, String effect) {
        Counter counter = meters.find("worker.maintenance.items")
                .tags("task", task, "effect", effect)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
