package dev.tenantcore.worker;

import static org.awaitility.Awaitility.await;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.jobs.JobRequest;
import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.worker.jobs.NoopJobs;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: measures, for a no-op job on {@code jobs.noop} that goes through the production runner (parse,
 * idempotency check, status and processed-job bookkeeping, handler, done transaction, offset commit):
 *
 * <ul>
 *   <li>end-to-end latency from the job's {@code occurredAt} (set just before it is published, as the API's
 *       commit would) to the handler's start, at a fixed 100 jobs/s for 20 s (open loop: the rate does not
 *       slow down when the worker falls behind);
 *   <li>the maximum sustained jobs/s, closed loop: a fixed number of jobs in flight, a new one published as
 *       each completes, over 15 s.
 * </ul>
 *
 * Producer, broker and worker share this JVM and the machine's cores; the load average is printed with the
 * numbers. Run with {@code -Dbenchmark=true -Dtest=JobBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@WorkerServiceTest
@Import(NoopJobs.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class JobBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int RATE = 100;
    private static final Duration OPEN_LOOP = Duration.ofSeconds(20);
    private static final Duration CLOSED_LOOP = Duration.ofSeconds(15);
    private static final int IN_FLIGHT = 200;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void latencyAt100JobsPerSecondAndMaximumThroughput() throws Exception {
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafka());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            System.out.printf("BENCHMARK load average before: %s%n", loadAverage());
            // Warm-up: the consumer group settled (every container assigned), then JIT and connection pools.
            for (MessageListenerContainer container : listeners.getListenerContainers()) {
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> container.getAssignedPartitions() != null
                                && container.getAssignedPartitions().size() == NoopJobs.PARTITIONS);
            }
            closedLoop(producer, Duration.ofSeconds(15));
            openLoop(producer, Duration.ofSeconds(5));
            long gcBefore = gcMillis();

            Map<UUID, Instant> sent = openLoop(producer, OPEN_LOOP);
            int jobs = sent.size();
            long gc = gcMillis() - gcBefore;
            List<Double> latencies = new ArrayList<>();
            sent.forEach((id, at) ->
                    latencies.add(Duration.between(at, NoopJobs.STARTED.get(id)).toNanos() / 1e6));
            // The worst latency of each second, in sending order: shows whether a tail is steady or one stall.
            var worst = new StringBuilder();
            for (int second = 0; second < OPEN_LOOP.toSeconds(); second++) {
                double max = latencies.subList(second * RATE, (second + 1) * RATE).stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(0);
                worst.append(String.format(" %.0f", max));
            }
            System.out.printf("BENCHMARK worst latency per second (ms):%s%n", worst);
            latencies.sort(null);
            System.out.printf(
                    "BENCHMARK latency publish->handler start at %d jobs/s for %d s (%d no-op jobs):"
                            + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; GC %d ms; load average %s%n",
                    RATE,
                    OPEN_LOOP.toSeconds(),
                    jobs,
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.95),
                    percentile(latencies, 0.99),
                    latencies.getLast(),
                    gc,
                    loadAverage());

            double rate = closedLoop(producer, CLOSED_LOOP);
            System.out.printf(
                    "BENCHMARK max sustained throughput (closed loop, %d in flight, %d s): %.0f no-op jobs/s;"
                            + " load average %s%n",
                    IN_FLIGHT, CLOSED_LOOP.toSeconds(), rate, loadAverage());
        }
    }

    /** Publishes at {@link #RATE} jobs/s for the duration, then waits until every job's handler started. */
    private Map<UUID, Instant> openLoop(KafkaProducer<String, byte[]> producer, Duration duration) {
        Map<UUID, Instant> sent = new LinkedHashMap<>();
        int jobs = (int) (RATE * duration.toSeconds());
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            long due = start + i * (1_000_000_000L / RATE);
            // Parked, not spinning: the worker needs the cores.
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            var job = job();
            producer.send(record(job));
            sent.put(job.metadata().id(), job.metadata().occurredAt());
        }
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> NoopJobs.STARTED.keySet().containsAll(sent.keySet()));
        return sent;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    /** Keeps {@link #IN_FLIGHT} jobs outstanding for the duration; returns completed jobs per second. */
    private double closedLoop(KafkaProducer<String, byte[]> producer, Duration duration) {
        double base = succeeded();
        long sent = 0;
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        while (System.nanoTime() < end) {
            long completed = (long) (succeeded() - base);
            while (sent - completed < IN_FLIGHT) {
                producer.send(record(job()));
                sent++;
            }
            LockSupport.parkNanos(1_000_000);
        }
        double done = succeeded() - base;
        double seconds = (System.nanoTime() - t0) / 1e9;
        long total = sent;
        await().atMost(Duration.ofMinutes(2)).until(() -> succeeded() - base >= total);
        return done / seconds;
    }

    private static JobRequest job() {
        return new JobRequest(
                new EventMetadata(UUID.randomUUID(), NoopJobs.TYPE, Instant.now(), UUID.randomUUID(), null, null),
                Map.of());
    }

    private static ProducerRecord<String, byte[]> record(JobRequest job) {
        return new ProducerRecord<>(
                "jobs." + NoopJobs.TYPE, job.metadata().orgId().toString(), JSON.writeValueAsBytes(job));
    }

    private double succeeded() {
        var counter = meters.find("worker.jobs.outcomes")
                .tags("type", NoopJobs.TYPE, "outcome", "succeeded")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String loadAverage() {
        try {
            return String.join(
                    " ",
                    List.of(Files.readString(Path.of("/proc/loadavg")).split(" "))
                            .subList(0, 3));
        } catch (Exception e) {
            return "unknown";
        }
    }
}
