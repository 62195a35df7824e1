package dev.tenantcore.search.indexing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code search.indexing.lag}: time from the change (event {@code occurredAt}) to its indexing;
 * {@code search.indexing.errors}: failed attempts by reason (each retry counts).
 */
@Component
class IndexingMetrics {

    private final MeterRegistry registry;

    IndexingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void lag(String eventType, Duration lag) {
        Timer.builder("search.indexing.lag")
                .description("Time from a change in core to its document being written")
                .tag("type", eventType)
                .publishPercentiles(0.5, 0.99)
                .register(registry)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    void error(String reason) {
        Counter.builder("search.indexing.errors")
                .description("Failed attempts to index an event")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
