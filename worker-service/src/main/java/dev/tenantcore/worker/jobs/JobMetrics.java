package dev.tenantcore.worker.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Job metrics: {@code worker.jobs.attempts} (by type), {@code worker.jobs.outcomes} (by type and outcome:
 * succeeded, failed, dead, duplicate), {@code worker.jobs.processing} (time per attempt, by type and outcome)
 * and {@code worker.jobs.latency} (from the producer's commit, {@code metadata.occurredAt}, to the start of the
 * first attempt). Consumer lag per topic is {@link ConsumerLag}'s {@code worker.consumer.lag}.
 */
@Component
class JobMetrics {

    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void attempt(String type) {
        Counter.builder("worker.jobs.attempts")
                .tag("type", type)
                .register(registry)
                .increment();
    }

    void latency(String type, Instant occurredAt) {
        Duration latency = Duration.between(occurredAt, Instant.now());
        Timer.builder("worker.jobs.latency")
                .tag("type", type)
                .publishPercentileHistogram()
                .register(registry)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    void outcome(String type, String outcome) {
        Counter.builder("worker.jobs.outcomes")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void processing(String type, String outcome, long startNanos) {
        Timer.builder("worker.jobs.processing")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
