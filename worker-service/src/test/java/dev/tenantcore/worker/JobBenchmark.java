package dev.tenantcore.worker;

import static org.awaitility.Awaitility.await;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.jobs.JobRequest;
import dev.tenantcore.engines.test.SharedEngines;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: measures end-to-end latency (the job's {@code occurredAt}, set just before it is sent, to the
 * handler's call to core) at 100 jobs/s, and the jobs/s one worker sustains for a near no-op job (a report of an
 * empty audit log: the full runner path with its three small transactions). Run with
 * {@code -Dbenchmark=true -Dtest=JobBenchmark}.
 */
@WorkerServiceTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class JobBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MeterRegistry meters;

    @Test
    void latencyAt100JobsPerSecondAndMaximumThroughput() throws Exception {
        var core = CoreStub.get();
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafka());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            warmUp(producer, 200);
            List<UUID> orgs = new ArrayList<>();
            List<Instant> sent = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                long due = start + i * 10_000_000L;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                UUID org = UUID.randomUUID();
                orgs.add(org);
                sent.add(send(producer, org));
            }
            await().atMost(Duration.ofMinutes(2))
                    .until(() ->
                            orgs.stream().allMatch(o -> !core.auditRequests(o).isEmpty()));
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < orgs.size(); i++) {
                latencies.add(Duration.between(
                                sent.get(i), core.auditRequests(orgs.get(i)).getFirst())
                        .toMillis());
            }
            Collections.sort(latencies);
            System.out.printf(
                    "BENCHMARK latency at 100 jobs/s (1000 jobs): p50 %d ms, p99 %d ms, max %d ms%n",
                    latencies.get(499), latencies.get(989), latencies.getLast());

            int burst = 5000;
            double before = succeeded();
            long t0 = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                send(producer, UUID.randomUUID());
            }
            producer.flush();
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> succeeded() >= before + burst);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "BENCHMARK throughput: %d near no-op jobs in %.1f s = %.0f jobs/s%n",
                    burst, seconds, burst / seconds);
        }
    }

    private void warmUp(KafkaProducer<String, byte[]> producer, int jobs) {
        double before = succeeded();
        for (int i = 0; i < jobs; i++) {
            send(producer, UUID.randomUUID());
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> succeeded() >= before + jobs);
    }

    private Instant send(KafkaProducer<String, byte[]> producer, UUID org) {
        var metadata = new EventMetadata(UUID.randomUUID(), "report", Instant.now(), org, null, null);
        var job = new JobRequest(metadata, Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"));
        producer.send(new ProducerRecord<>("jobs.report", org.toString(), JSON.writeValueAsBytes(job)));
        return metadata.occurredAt();
    }

    private double succeeded() {
        var counter = meters.find("worker.jobs.outcomes")
                .tags("type", "report", "outcome", "succeeded")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
