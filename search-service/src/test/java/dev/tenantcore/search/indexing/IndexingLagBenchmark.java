package dev.tenantcore.search.indexing;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.events.core.CoreEventTypes;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.search.CoreEvents;
import dev.tenantcore.search.SearchServiceTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.mget.MultiGetOperation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Write-to-searchable lag and indexing throughput on the real engines, printed, never asserted. Produces
 * {@code project.created} events onto {@code core.projects} (3 partitions) the way core does (the
 * {@code IntegrationEvent} envelope keyed by org id, orgs spread over every partition), and polls the
 * {@code projects} alias (the query path's index, without the caller's access filter, so that one query
 * covers every org) at a fixed 20 queries/s for the ids still pending. An event's lag is the time from its
 * send to the answer of the first search that returned it; the time until a (realtime) get finds it is printed as
 * well, so the part spent waiting for a refresh shows. Run with
 * {@code ./mvnw -B -o test -pl search-service -Dtest=IndexingLagBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; the numbers are in
 * {@code target/surefire-reports/*IndexingLagBenchmark-output.txt}.
 */
@SearchServiceTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class IndexingLagBenchmark {

    private static final Duration POLL_EVERY = Duration.ofMillis(50);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    OpenSearchClient client;

    @Test
    void lagAtFixedRatesAndMaximumThroughput() throws Exception {
        CoreEvents.awaitConsumer(listeners);
        int seconds = Integer.getInteger("benchmark.seconds", 30);
        print("load before: " + uptime());
        lagAt(10, 3); // warm-up, not reported as a result
        lagAt(50, seconds);
        lagAt(100, seconds);
        maximumThroughput(Integer.getInteger("benchmark.burst", 20_000));
        print("load after: " + uptime());
    }

    private void lagAt(int rate, int seconds) throws Exception {
        List<UUID> orgs = orgsOnEveryPartition(4);
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Map<String, Long> unwritten = new ConcurrentHashMap<>();
        Map<String, String> orgOf = new ConcurrentHashMap<>();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        List<Long> writeLags = Collections.synchronizedList(new ArrayList<>());
        long[] lastSeen = {0};
        int total = rate * seconds;
        long start = System.nanoTime();
        Thread poller = Thread.ofPlatform().start(() -> {
            poll(pending, lags, lastSeen, total, () -> written(unwritten, orgOf, writeLags));
        });
        long interval = 1_000_000_000L / rate;
        List<Future<?>> sends = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            ProjectSnapshot p = CoreEvents.projectSnapshot(orgs.get(i % orgs.size()), null, "Bench " + i, "lag", 1);
            long sent = System.nanoTime();
            orgOf.put(p.projectId().toString(), p.orgId().toString());
            unwritten.put(p.projectId().toString(), sent);
            pending.put(p.projectId().toString(), sent);
            sends.add(CoreEvents.send(Topics.CORE_PROJECTS, CoreEventTypes.PROJECT_CREATED, p.orgId(), p));
        }
        long produced = System.nanoTime();
        for (Future<?> send : sends) {
            send.get();
        }
        poller.join(DRAIN_LIMIT.plus(Duration.ofSeconds(seconds)).toMillis());
        poller.interrupt();
        poller.join();
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        List<Long> writes = new ArrayList<>(writeLags);
        Collections.sort(writes);
        print("rate %d/s for %d s: written (realtime get) p50 %d ms, p95 %d ms, p99 %d ms"
                .formatted(rate, seconds, percentile(writes, 50), percentile(writes, 95), percentile(writes, 99)));
        double producedRate = total / seconds(produced - start);
        double indexedRate = sorted.size() / seconds(lastSeen[0] - start);
        print(
                "rate %d/s for %d s: sent %d (%.1f/s), searchable %d, unseen %d; lag p50 %d ms, p95 %d ms, p99 %d ms, max %d ms; indexing throughput %.1f docs/s"
                        .formatted(
                                rate,
                                seconds,
                                total,
                                producedRate,
                                sorted.size(),
                                pending.size(),
                                percentile(sorted, 50),
                                percentile(sorted, 95),
                                percentile(sorted, 99),
                                sorted.isEmpty() ? -1 : sorted.getLast(),
                                indexedRate));
    }

    /**
     * Polls at a fixed rate for the pending ids until all of them were seen or the drain limit passed; each round
     * first runs {@code alsoEachRound}.
     */
    private void poll(Map<String, Long> pending, List<Long> lags, long[] lastSeen, int total, IoAction alsoEachRound) {
        long deadline = Long.MAX_VALUE;
        try {
            while (lags.size() < total && System.nanoTime() < deadline) {
                long next = System.nanoTime() + POLL_EVERY.toNanos();
                alsoEachRound.run();
                List<FieldValue> ids = pending.keySet().stream()
                        .limit(5_000)
                        .map(FieldValue::of)
                        .toList();
                if (!ids.isEmpty()) {
                    var found = client.search(
                            s -> s.index("projects")
                                    .size(ids.size())
                                    .source(src -> src.fetch(false))
                                    .query(q -> q.terms(t -> t.field("id").terms(v -> v.value(ids)))),
                            Void.class);
                    long now = System.nanoTime();
                    for (var hit : found.hits().hits()) {
                        Long sent = pending.remove(hit.id());
                        if (sent != null) {
                            lags.add(Duration.ofNanos(now - sent).toMillis());
                            lastSeen[0] = now;
                        }
                    }
                }
                if (deadline == Long.MAX_VALUE && lags.size() + pending.size() >= total) {
                    deadline = System.nanoTime() + DRAIN_LIMIT.toNanos(); // every event is sent
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /**
     * When each event's document was written, whether or not yet searchable: a get is realtime, so the difference
     * to the search lag is the wait for the next refresh.
     */
    private void written(Map<String, Long> unwritten, Map<String, String> orgOf, List<Long> writeLags)
            throws IOException {
        List<MultiGetOperation> docs = unwritten.keySet().stream()
                .limit(1_000)
                .map(id -> MultiGetOperation.of(
                        d -> d.index("projects").id(id).routing(orgOf.get(id)).source(src -> src.fetch(false))))
                .toList();
        if (docs.isEmpty()) {
            return;
        }
        var found = client.mget(m -> m.docs(docs), Void.class);
        long now = System.nanoTime();
        for (var item : found.docs()) {
            if (item.isResult() && item.result().found()) {
                Long sent = unwritten.remove(item.result().id());
                if (sent != null) {
                    writeLags.add(Duration.ofNanos(now - sent).toMillis());
                }
            }
        }
    }

    private void maximumThroughput(int count) throws Exception {
        List<UUID> orgs = orgsOnEveryPartition(4);
        List<FieldValue> orgIds =
                orgs.stream().map(o -> FieldValue.of(o.toString())).toList();
        long start = System.nanoTime();
        List<Future<?>> sends = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ProjectSnapshot p = CoreEvents.projectSnapshot(orgs.get(i % orgs.size()), null, "Burst " + i, "max", 1);
            sends.add(CoreEvents.send(Topics.CORE_PROJECTS, CoreEventTypes.PROJECT_CREATED, p.orgId(), p));
        }
        for (Future<?> send : sends) {
            send.get();
        }
        long produced = System.nanoTime();
        long deadline = produced
                + Duration.ofSeconds(Long.getLong("benchmark.burstLimitSeconds", 300))
                        .toNanos();
        long searchable = 0;
        while (searchable < count && System.nanoTime() < deadline) {
            Thread.sleep(250);
            searchable = client.count(c -> c.index("projects")
                            .query(q -> q.terms(t -> t.field("org_id").terms(v -> v.value(orgIds)))))
                    .count();
        }
        long took = System.nanoTime() - start;
        print("burst of %d: produced in %.1f s; %d searchable after %.1f s: %.0f docs/s"
                .formatted(count, seconds(produced - start), searchable, seconds(took), searchable / seconds(took)));
    }

    /** Orgs whose ids (the record keys) hash to every partition of core's topics, {@code perPartition} each. */
    private static List<UUID> orgsOnEveryPartition(int perPartition) {
        List<List<UUID>> byPartition = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            byPartition.add(new ArrayList<>());
        }
        while (byPartition.stream().anyMatch(l -> l.size() < perPartition)) {
            UUID org = UUID.randomUUID();
            int partition =
                    Utils.toPositive(Utils.murmur2(org.toString().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (byPartition.get(partition).size() < perPartition) {
                byPartition.get(partition).add(org);
            }
        }
        List<UUID> orgs = new ArrayList<>();
        for (int i = 0; i < perPartition; i++) {
            for (List<UUID> l : byPartition) {
                orgs.add(l.get(i));
            }
        }
        return orgs;
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String uptime() {
        try {
            var process = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void print(String line) {
        System.out.println("[benchmark] " + line);
    }
}
