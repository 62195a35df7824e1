package dev.tenantcore.systemtests;

import static dev.tenantcore.systemtests.SweepSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.systemtests.SweepSupport.Actor;
import dev.tenantcore.systemtests.SweepSupport.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Process faults under a steady load of writes through the gateway: a service killed with {@code kill -9}
 * and started again, PostgreSQL and Redis frozen for a few seconds. After each fault the system recovers
 * by itself, every acknowledged write is there, and no request got a 5xx other than a 503
 * {@code unavailable} (or 504 {@code timeout}) answered while its dependency was really down.
 */
@Order(91)
class ProcessFaultsTest {

    @Test
    void coreKilledAndRestartedLosesNoAcknowledgedWrite() throws Exception {
        var system = RunningSystem.get();
        Actor actor = SweepSupport.signUp(system, "corekill");
        Tenant tenant = SweepSupport.createTenant(system, actor, "corekill", "enterprise");
        var load = Load.start(system, actor, tenant, "corekill");
        Thread.sleep(2_000);
        system.kill("core-service");
        Thread.sleep(2_000);
        system.restart("core-service");
        Thread.sleep(2_000);
        load.stopAndAudit(system, actor, tenant);
    }

    @Test
    void workerKilledMidFlowSendsEveryMailExactlyOnce() throws Exception {
        var system = RunningSystem.get();
        var addresses = new ArrayList<String>();
        var failures = new ArrayList<String>();
        for (int i = 0; i < 12; i++) {
            if (i == 4) {
                system.kill("worker-service");
            }
            String email = "workerkill-" + SweepSupport.shortId() + "@example.com";
            // From an address of its own each time: sign-up is rate limited per client address.
            var signup = SweepSupport.json(
                    system,
                    null,
                    "POST",
                    "/api/v1/auth/signup",
                    "{\"email\":\"%s\",\"password\":\"correct horse %s\"}".formatted(email, SweepSupport.shortId()));
            if (signup.statusCode() / 100 == 2) {
                addresses.add(email);
            } else {
                failures.add("signup -> " + signup.statusCode() + " " + SweepSupport.abbreviate(signup.body(), 200));
            }
            Thread.sleep(300);
        }
        system.restart("worker-service");

        Instant deadline = Instant.now().plusSeconds(60);
        Map<String, Long> mails = Map.of();
        while (Instant.now().isBefore(deadline)) {
            mails = mailsTo(addresses);
            if (mails.size() == addresses.size()) {
                break;
            }
            Thread.sleep(500);
        }
        Thread.sleep(2_000); // a duplicate would arrive right after the first
        mails = mailsTo(addresses);
        assertThat(failures).as("sign-ups while the worker was down").isEmpty();
        assertThat(mails.keySet())
                .as("addresses that got their confirmation")
                .containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(mails.values()).as("confirmation mails per address").containsOnly(1L);
    }

    @Test
    void postgresFrozenForThreeSecondsLosesNothing() throws Exception {
        frozenUnderLoad("pgpause", SharedEngines.postgres().port());
    }

    @Test
    void redisFrozenForThreeSecondsLosesNothing() throws Exception {
        frozenUnderLoad("redispause", SharedEngines.redis().port());
    }

    /** Freezes the engine listening on the port (and its child processes) for 3 s while projects are written. */
    private static void frozenUnderLoad(String label, int port) throws Exception {
        var system = RunningSystem.get();
        Actor actor = SweepSupport.signUp(system, label);
        Tenant tenant = SweepSupport.createTenant(system, actor, label, "enterprise");
        var load = Load.start(system, actor, tenant, label);
        Thread.sleep(2_000);
        List<Long> pids = Processes.tree(Processes.listeningOn(port));
        Processes.signal("STOP", pids);
        try {
            Thread.sleep(3_000);
        } finally {
            Processes.signal("CONT", pids);
        }
        Thread.sleep(3_000);
        load.stopAndAudit(system, actor, tenant);
    }

    private static Map<String, Long> mailsTo(List<String> addresses) {
        var counts = new java.util.HashMap<String, Long>();
        for (var mail : SharedEngines.mail().messages()) {
            for (String to : mail.to()) {
                addresses.stream()
                        .filter(to::equalsIgnoreCase)
                        .forEach(address -> counts.merge(address, 1L, Long::sum));
            }
        }
        return counts;
    }

    /** Creates projects through the gateway every 150 ms on a thread of its own and records every answer. */
    private static final class Load {

        private final List<String> acknowledged = new CopyOnWriteArrayList<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private Load(RunningSystem system, Actor actor, Tenant tenant, String label) {
            String path = "/api/v1/orgs/" + tenant.orgId() + "/projects";
            thread = Thread.ofPlatform().name("load-" + label).start(() -> {
                int n = 0;
                while (running.get()) {
                    long begin = System.nanoTime();
                    try {
                        var response = SweepSupport.json(
                                system,
                                actor,
                                "POST",
                                path,
                                JSON.writeValueAsString(Map.of("name", label + " " + ++n)));
                        long millis = (System.nanoTime() - begin) / 1_000_000;
                        if (response.statusCode() == 201) {
                            acknowledged.add(JSON.readTree(response.body())
                                    .path("data")
                                    .path("id")
                                    .asString());
                        } else if (!fastUnavailable(response.statusCode(), response.body(), millis)) {
                            failures.add(response.statusCode() + " in " + millis + " ms "
                                    + SweepSupport.abbreviate(response.body(), 200));
                        }
                        Thread.sleep(150);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failures.add("no answer: " + e);
                    }
                }
            });
        }

        static Load start(RunningSystem system, Actor actor, Tenant tenant, String label) {
            return new Load(system, actor, tenant, label);
        }

        /** Stops the load and checks every acknowledged project is listed (so committed) and nothing failed badly. */
        void stopAndAudit(RunningSystem system, Actor actor, Tenant tenant) throws Exception {
            running.set(false);
            thread.join(Duration.ofSeconds(30));
            assertThat(acknowledged).as("writes acknowledged during the run").hasSizeGreaterThan(5);
            Set<String> listed = new HashSet<>();
            // Recovery by itself includes the gateway's circuit breaker, which stays open up to 10 s after the
            // failures it saw and then lets a probe through: the audit waits for that, answering 503 meanwhile.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            for (int page = 1; page <= 20; page++) {
                var response = SweepSupport.json(
                        system,
                        actor,
                        "GET",
                        "/api/v1/orgs/" + tenant.orgId() + "/projects?limit=100&page=" + page,
                        null);
                while (response.statusCode() == 503 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    response = SweepSupport.json(
                            system,
                            actor,
                            "GET",
                            "/api/v1/orgs/" + tenant.orgId() + "/projects?limit=100&page=" + page,
                            null);
                }
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode items = JSON.readTree(response.body()).path("data");
                items.forEach(item -> listed.add(item.path("id").asString()));
                if (items.size() < 100) {
                    break;
                }
            }
            assertThat(listed).as("acknowledged projects in the database").containsAll(acknowledged);
            assertThat(failures)
                    .as("answers other than 201 or a fast 503 during the fault")
                    .isEmpty();
        }

        private static boolean fastUnavailable(int status, String body, long millis) {
            if (status != 503 && status != 504) {
                return false;
            }
            String code = JSON.readTree(body).path("error").path("code").asString();
            return millis < 12_000 && (code.equals("unavailable") || code.equals("timeout"));
        }
    }

    /** Finding and signalling the engines' operating-system processes (loopback engines of this machine). */
    static final class Processes {

        private Processes() {}

        static long listeningOn(int port) throws Exception {
            var process = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            var matcher = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(out);
            if (!matcher.find()) {
                throw new IllegalStateException("no process listens on port " + port + ": " + out);
            }
            return Long.parseLong(matcher.group(1));
        }

        /** The process and all its descendants (PostgreSQL's backends are children of the postmaster). */
        static List<Long> tree(long pid) {
            var all = new ArrayList<Long>();
            all.add(pid);
            ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> all.add(child.pid())));
            return all;
        }

        static void signal(String signal, List<Long> pids) throws Exception {
            var command = new ArrayList<>(List.of("kill", "-" + signal));
            pids.forEach(pid -> command.add(Long.toString(pid)));
            new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }
}
