package dev.tenantcore.systemtests;

import static dev.tenantcore.systemtests.SweepSupport.JSON;

import dev.tenantcore.systemtests.SweepSupport.Actor;
import dev.tenantcore.systemtests.SweepSupport.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Steady traffic through one gateway, each kind on threads of its own: writers create projects named
 * {@code <marker> <n>}, readers list the organization's projects (or run another GET). Every answer is
 * recorded: acknowledged project ids, counts by kind and status, and every answer that is neither a 2xx nor a
 * fast 503 {@code unavailable} (or 504 {@code timeout}) as a failure.
 */
final class SteadyLoad {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    /** An answer slower than this is not "fast", whatever it says. */
    private static final long FAST_MILLIS = 12_000;

    private final String baseUrl;
    private final Actor actor;
    private final String marker;
    private final long started = System.nanoTime();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicLong firstUnavailable = new AtomicLong(-1);
    private final AtomicLong lastUnavailable = new AtomicLong(-1);
    private final AtomicLong slowest = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    private final Duration pause;

    private SteadyLoad(String baseUrl, Actor actor, String marker, Duration pause) {
        this.baseUrl = baseUrl;
        this.actor = actor;
        this.marker = marker;
        this.pause = pause;
    }

    /**
     * Starts the load.
     *
     * @param readPath the GET the readers send; the project list when null
     * @param pause each thread's wait after an answer: the gateway rate-limits per route, organization and
     *     caller (organizations are on the free tier unless configured: a burst of 60, then 1 a second)
     */
    static SteadyLoad start(
            String baseUrl,
            Actor actor,
            Tenant tenant,
            String marker,
            int writers,
            int readers,
            @Nullable String readPath,
            Duration pause) {
        var load = new SteadyLoad(baseUrl, actor, marker, pause);
        String projects = "/api/v1/orgs/" + tenant.orgId() + "/projects";
        for (int i = 0; i < writers; i++) {
            load.run("POST", projects);
        }
        for (int i = 0; i < readers; i++) {
            load.run("GET", readPath == null ? projects + "?limit=5" : readPath);
        }
        return load;
    }

    private void run(String method, String path) {
        threads.add(Thread.ofPlatform().name("load-" + marker + "-" + method).start(() -> {
            while (running.get()) {
                try {
                    once(method, path);
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }));
    }

    private void once(String method, String path) {
        String body = method.equals("POST")
                ? JSON.writeValueAsString(Map.of("name", marker + " " + sequence.incrementAndGet()))
                : null;
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + actor.accessToken())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        long begin = System.nanoTime();
        try {
            var response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - begin) / 1_000_000;
            slowest.accumulateAndGet(millis, Math::max);
            int status = response.statusCode();
            counts.computeIfAbsent(method + " " + status, k -> new AtomicInteger())
                    .incrementAndGet();
            if (status == 201 && method.equals("POST")) {
                acknowledged.add(
                        JSON.readTree(response.body()).path("data").path("id").asString());
            } else if (status / 100 == 2) {
                // a read answered
            } else if (fastUnavailable(status, response.body(), millis)) {
                long at = sinceStart();
                firstUnavailable.compareAndSet(-1, at);
                lastUnavailable.set(at);
            } else {
                failures.add("%s %s -> %d in %d ms at %d ms: %s"
                        .formatted(
                                method,
                                path,
                                status,
                                millis,
                                sinceStart(),
                                SweepSupport.abbreviate(response.body(), 200)));
            }
        } catch (Exception e) {
            counts.computeIfAbsent(method + " no answer", k -> new AtomicInteger())
                    .incrementAndGet();
            failures.add("%s %s -> no answer at %d ms: %s".formatted(method, path, sinceStart(), e));
        }
    }

    private long sinceStart() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Milliseconds since the load started, to place a fault on its time line. */
    long now() {
        return sinceStart();
    }

    private static boolean fastUnavailable(int status, String body, long millis) {
        if (status != 503 && status != 504) {
            return false;
        }
        String code = JSON.readTree(body).path("error").path("code").asString();
        return millis < FAST_MILLIS && (code.equals("unavailable") || code.equals("timeout"));
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(40));
        }
    }

    List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    int answers(String methodAndStatus) {
        var count = counts.get(methodAndStatus);
        return count == null ? 0 : count.get();
    }

    /** One line for the report: requests by method and status, fast 503s and when, the slowest answer. */
    String summary() {
        var sorted = new TreeMap<String, Integer>();
        counts.forEach((key, count) -> sorted.put(key, count.get()));
        int total = sorted.values().stream().mapToInt(Integer::intValue).sum();
        return "%d requests %s; fast 503/504 from %d ms to %d ms; slowest answer %d ms; failures %d"
                .formatted(
                        total, sorted, firstUnavailable.get(), lastUnavailable.get(), slowest.get(), failures.size());
    }

    /** The ids of the organization's projects, as the project list shows them (so committed in PostgreSQL). */
    static Set<String> listed(RunningSystem system, Actor actor, Tenant tenant) throws Exception {
        Set<String> listed = new HashSet<>();
        for (int page = 1; page <= 50; page++) {
            var response = SweepSupport.json(
                    system, actor, "GET", "/api/v1/orgs/" + tenant.orgId() + "/projects?limit=100&page=" + page, null);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("project list: " + response.statusCode() + " " + response.body());
            }
            JsonNode items = JSON.readTree(response.body()).path("data");
            items.forEach(item -> listed.add(item.path("id").asString()));
            if (items.size() < 100) {
                break;
            }
        }
        return listed;
    }

    /** Waits until search finds every project named with the marker; returns those it still does not find. */
    static Set<String> unsearchable(
            RunningSystem system, Actor actor, Tenant tenant, String marker, List<String> ids, Duration patience)
            throws Exception {
        var missing = new LinkedHashSet<>(ids);
        long deadline = System.nanoTime() + patience.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            for (int page = 1; page <= 20; page++) {
                var response = SweepSupport.json(
                        system,
                        actor,
                        "GET",
                        "/api/v1/orgs/" + tenant.orgId() + "/search?type=project&limit=100&page=" + page + "&q="
                                + marker,
                        null);
                if (response.statusCode() != 200) {
                    break;
                }
                JsonNode hits = JSON.readTree(response.body()).path("data");
                hits.forEach(hit -> missing.remove(hit.path("id").asString()));
                if (hits.size() < 100) {
                    break;
                }
            }
            if (!missing.isEmpty()) {
                Thread.sleep(1_000);
            }
        }
        return missing;
    }
}
