package dev.tenantcore.core.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.support.web.ApiException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The quota logic over a counter that stands in for the database's projects of one org. */
class ProjectQuotaTest {

    private final UUID org = UUID.randomUUID();
    private final AtomicLong projects = new AtomicLong();
    private final AtomicInteger counts = new AtomicInteger();
    private final ProjectQuota quota = new ProjectQuota(
            (orgId, limit) -> {
                counts.incrementAndGet();
                return Math.min(projects.get(), limit);
            },
            10,
            Duration.ofHours(1));

    @Test
    void aSmallLimitIsCountedExactlyOnEveryCreate() {
        for (int i = 0; i < 10; i++) {
            quota.requireRoomForOneMore(org, 10);
            projects.incrementAndGet();
        }
        assertThat(counts).hasValue(10);
        assertThatThrownBy(() -> quota.requireRoomForOneMore(org, 10))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("at most 10 projects");
    }

    @Test
    void farBelowALargeLimitCreatesAreNotCountedAndNearItEveryOneIs() {
        int limit = 100; // margin: max(5 %, 10) = 10, so counts are trusted up to 90
        projects.set(50);
        quota.requireRoomForOneMore(org, limit);
        projects.incrementAndGet();
        assertThat(counts).hasValue(1);

        for (int i = 0; i < 39; i++) { // 52..90: trusted
            quota.requireRoomForOneMore(org, limit);
            projects.incrementAndGet();
        }
        assertThat(counts).hasValue(1);

        for (int i = 0; i < 10; i++) { // 91..100: exact each time
            quota.requireRoomForOneMore(org, limit);
            projects.incrementAndGet();
        }
        assertThat(counts).hasValue(11);
        assertThatThrownBy(() -> quota.requireRoomForOneMore(org, limit)).isInstanceOf(ApiException.class);
    }

    @Test
    void anotherInstancesCreatesAreSeenByTheExactCountNearTheLimit() {
        int limit = 100;
        projects.set(80);
        quota.requireRoomForOneMore(org, limit); // counted 80, trusts 81
        projects.set(100); // another instance filled the org meanwhile
        // 82..90 are still trusted here; the next create past the margin counts and is refused.
        for (int i = 0; i < 9; i++) {
            quota.requireRoomForOneMore(org, limit);
        }
        assertThatThrownBy(() -> quota.requireRoomForOneMore(org, limit)).isInstanceOf(ApiException.class);
    }
}
