package dev.tenantcore.auth.keys;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Replaces the signing key when it is older than {@code tenantcore.auth.keys.rotation-interval}. */
@Component
class KeyRotationSchedule {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationSchedule.class);

    private final SigningKeys keys;

    KeyRotationSchedule(SigningKeys keys) {
        this.keys = keys;
    }

    @Scheduled(cron = "${tenantcore.auth.keys.rotation-check-cron:0 17 * * * *}")
    @SchedulerLock(name = "auth-signing-key-rotation", lockAtMostFor = "PT5M")
    void rotateWhenDue() {
        if (keys.rotateIfDue()) {
            log.info("signing key rotated by schedule");
        }
    }
}
