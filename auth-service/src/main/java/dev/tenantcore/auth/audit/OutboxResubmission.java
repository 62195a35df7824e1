package dev.tenantcore.auth.audit;

import java.time.Duration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends again what the outbox could not send (e.g. Kafka was down): at least once, never only logged. */
@Component
class OutboxResubmission {

    private final IncompleteEventPublications incomplete;

    OutboxResubmission(IncompleteEventPublications incomplete) {
        this.incomplete = incomplete;
    }

    @Scheduled(fixedDelayString = "${tenantcore.auth.outbox-retry-interval:60s}")
    @SchedulerLock(name = "auth-outbox-resubmit", lockAtMostFor = "PT5M")
    void resubmitStalePublications() {
        incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofMinutes(1));
    }
}
