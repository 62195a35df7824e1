package dev.tenantcore.systemtests;

import static dev.tenantcore.systemtests.SweepSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.systemtests.SweepSupport.Actor;
import dev.tenantcore.systemtests.SweepSupport.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Faults under a small steady load of writes, through the gateway. OpenSearch frozen ({@code SIGSTOP}) for
 * five seconds while projects are created: no write fails, searches answer at most a fast 503
 * {@code unavailable}, and once it runs again every project becomes searchable (events waited in Kafka).
 */
@Order(90)
class FaultInjectionTest {

    private static final Duration PAUSE = Duration.ofSeconds(5);

    @Test
    void openSearchFrozenWhileProjectsAreCreatedLosesNothing() throws Exception {
        var system = RunningSystem.get();
        var openSearch = SharedEngines.openSearchEngine();
        assumeTrue(openSearch != null, "OpenSearch is not a process of this JVM");
        Actor actor = SweepSupport.signUp(system, "fault");
        Tenant tenant = SweepSupport.createTenant(system, actor, "fault", "enterprise");
        String marker = "faultrun" + SweepSupport.shortId();
        String projects = "/api/v1/orgs/" + tenant.orgId() + "/projects";
        String search = "/api/v1/orgs/" + tenant.orgId() + "/search?type=project&limit=100&q=" + marker;

        var created = new LinkedHashSet<String>();
        var failures = new ArrayList<String>();
        long pid = openSearch.process().pid();
        Instant end = Instant.now().plusSeconds(2 + PAUSE.toSeconds() + 2);
        Instant pauseAt = Instant.now().plusSeconds(2);
        boolean paused = false;
        boolean resumed = false;
        int n = 0;
        try {
            while (Instant.now().isBefore(end)) {
                if (!paused && Instant.now().isAfter(pauseAt)) {
                    signal("STOP", pid);
                    paused = true;
                } else if (paused && !resumed && Instant.now().isAfter(pauseAt.plus(PAUSE))) {
                    signal("CONT", pid);
                    resumed = true;
                }
                long begin = System.nanoTime();
                var response = SweepSupport.json(
                        system,
                        actor,
                        "POST",
                        projects,
                        JSON.writeValueAsString(Map.of("name", marker + " item " + (++n))));
                long millis = (System.nanoTime() - begin) / 1_000_000;
                if (response.statusCode() == 201) {
                    created.add(JSON.readTree(response.body())
                            .path("data")
                            .path("id")
                            .asString());
                } else {
                    failures.add("create -> " + response.statusCode() + " in " + millis + " ms "
                            + SweepSupport.abbreviate(response.body(), 200));
                }
                if (paused && !resumed) {
                    begin = System.nanoTime();
                    var found = SweepSupport.json(system, actor, "GET", search, null);
                    millis = (System.nanoTime() - begin) / 1_000_000;
                    boolean fastUnavailable = found.statusCode() == 503
                            && millis < 3_000
                            && "unavailable"
                                    .equals(JSON.readTree(found.body())
                                            .path("error")
                                            .path("code")
                                            .asString());
                    if (found.statusCode() != 200 && !fastUnavailable) {
                        failures.add("search while frozen -> " + found.statusCode() + " in " + millis + " ms "
                                + SweepSupport.abbreviate(found.body(), 200));
                    }
                }
                Thread.sleep(200);
            }
        } finally {
            signal("CONT", pid);
        }
        assertThat(created).hasSizeGreaterThan(5);

        // Every project becomes searchable once OpenSearch runs again.
        Set<String> found = new HashSet<>();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && !found.containsAll(created)) {
            var response = SweepSupport.json(system, actor, "GET", search, null);
            if (response.statusCode() == 200) {
                for (JsonNode hit : JSON.readTree(response.body()).path("data")) {
                    found.add(hit.path("id").asString());
                }
            }
            Thread.sleep(1_000);
        }
        var missing = new LinkedHashSet<>(created);
        missing.removeAll(found);
        assertThat(missing)
                .as("projects never searchable after the fault (of %d)", created.size())
                .isEmpty();
        assertThat(failures).as("requests during the fault").isEmpty();
    }

    private static void signal(String signal, long pid) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start()
                .waitFor();
        assertThat(exit).as("kill -%s %d", signal, pid).isZero();
    }
}
