package dev.tenantcore.systemtests;

import static dev.tenantcore.systemtests.SweepSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.systemtests.SweepSupport.Actor;
import dev.tenantcore.systemtests.SweepSupport.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Engines killed ({@code kill -9}) under a steady load through the gateway and started again on the same
 * port and data, while every service keeps running: the Kafka broker, OpenSearch and Redis. After each, the
 * system recovers by itself; every acknowledged write is in PostgreSQL, every project written meanwhile
 * reaches search, and nothing answered a 5xx other than a fast 503 {@code unavailable} while the engine was
 * really down. Each test prints what it measured ({@code target/surefire-reports/*-output.txt}).
 */
@Order(92)
class EngineFaultsTest {

    /*
     * Pauses of the load threads: the organizations here are on the gateway's free tier (tiers come from its
     * configuration), a burst of 60 then one request a second per route, organization and caller, and a test
     * loads the system for up to a minute.
     */
    private static final Duration ONE_THREAD = Duration.ofMillis(700);
    private static final Duration TWO_THREADS = Duration.ofMillis(1_400);

    private static final java.net.http.HttpClient PROBE = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    @Test
    void kafkaKilledAndRestartedLosesNoWriteAndNoEvent() throws Exception {
        var system = RunningSystem.get();
        Actor actor = SweepSupport.signUp(system, "kafkakill");
        Tenant tenant = SweepSupport.createTenant(system, actor, "kafkakill", "enterprise");
        String marker = "kafkarun" + SweepSupport.shortId();
        var load = SteadyLoad.start(system.gatewayUrl(), actor, tenant, marker, 1, 1, null, TWO_THREADS);
        Thread.sleep(2_000);
        long killedAt = load.now();
        SharedEngines.kill("kafka");
        Thread.sleep(5_000);
        long restartBegin = System.nanoTime();
        SharedEngines.restart("kafka");
        long restartMillis = (System.nanoTime() - restartBegin) / 1_000_000;
        Thread.sleep(3_000);
        load.stop();

        var missingInDatabase = new ArrayList<>(load.acknowledged());
        missingInDatabase.removeAll(SteadyLoad.listed(system, actor, tenant));
        long searchBegin = System.nanoTime();
        var unsearchable =
                SteadyLoad.unsearchable(system, actor, tenant, marker, load.acknowledged(), Duration.ofSeconds(90));
        report(
                "kafka kill -9 at %d ms, down 5 s, broker restarted in %d ms; all projects searchable %d ms after the load stopped; %s",
                killedAt, restartMillis, (System.nanoTime() - searchBegin) / 1_000_000, load.summary());

        assertThat(load.acknowledged()).as("writes acknowledged during the run").hasSizeGreaterThan(10);
        assertThat(missingInDatabase)
                .as("acknowledged projects missing in the database")
                .isEmpty();
        assertThat(unsearchable)
                .as(
                        "projects never searchable after the broker came back (of %d)",
                        load.acknowledged().size())
                .isEmpty();
        assertThat(load.failures()).as("answers other than 2xx or a fast 503").isEmpty();
    }

    @Test
    void openSearchKilledAndRestartedAnswersFast503AndIndexesEverything() throws Exception {
        var system = RunningSystem.get();
        Actor actor = SweepSupport.signUp(system, "oskill");
        Tenant tenant = SweepSupport.createTenant(system, actor, "oskill", "enterprise");
        String marker = "osrun" + SweepSupport.shortId();
        String search = "/api/v1/orgs/" + tenant.orgId() + "/search?type=project&limit=5&q=" + marker;
        var writes = SteadyLoad.start(system.gatewayUrl(), actor, tenant, marker, 1, 0, null, ONE_THREAD);
        var searches =
                SteadyLoad.start(system.gatewayUrl(), actor, tenant, marker + "-reads", 0, 1, search, ONE_THREAD);
        Thread.sleep(2_000);
        long killedAt = writes.now();
        SharedEngines.kill("opensearch");
        Thread.sleep(4_000);
        long restartBegin = System.nanoTime();
        SharedEngines.restart("opensearch");
        long restartMillis = (System.nanoTime() - restartBegin) / 1_000_000;
        Thread.sleep(2_000);
        writes.stop();
        searches.stop();

        var missingInDatabase = new ArrayList<>(writes.acknowledged());
        missingInDatabase.removeAll(SteadyLoad.listed(system, actor, tenant));
        long searchBegin = System.nanoTime();
        var unsearchable =
                SteadyLoad.unsearchable(system, actor, tenant, marker, writes.acknowledged(), Duration.ofSeconds(90));
        report(
                "opensearch kill -9 at %d ms, node restarted in %d ms (down %d ms); all searchable %d ms after the load stopped; writes: %s; searches: %s",
                killedAt,
                restartMillis,
                4_000 + restartMillis,
                (System.nanoTime() - searchBegin) / 1_000_000,
                writes.summary(),
                searches.summary());

        assertThat(writes.acknowledged())
                .as("writes acknowledged during the run")
                .hasSizeGreaterThan(10);
        assertThat(writes.answers("POST 503"))
                .as("writes refused while OpenSearch was down")
                .isZero();
        assertThat(missingInDatabase)
                .as("acknowledged projects missing in the database")
                .isEmpty();
        assertThat(searches.answers("GET 503"))
                .as("searches answered 503 while OpenSearch was down")
                .isPositive();
        assertThat(unsearchable)
                .as(
                        "projects never searchable after OpenSearch came back (of %d)",
                        writes.acknowledged().size())
                .isEmpty();
        assertThat(writes.failures()).as("writes: answers other than 2xx").isEmpty();
        assertThat(searches.failures())
                .as("searches: answers other than 200 or a fast 503")
                .isEmpty();
    }

    @Test
    void redisKilledAndRestartedFailsAuthClosedAndRecoversWithoutRestarts() throws Exception {
        var system = RunningSystem.get();
        Actor actor = SweepSupport.signUp(system, "rediskill");
        Tenant tenant = SweepSupport.createTenant(system, actor, "rediskill", "enterprise");
        String marker = "redisrun" + SweepSupport.shortId();
        var load = SteadyLoad.start(system.gatewayUrl(), actor, tenant, marker, 1, 1, null, TWO_THREADS);
        Thread.sleep(2_000);
        long killedAt = load.now();
        SharedEngines.kill("redis");
        Thread.sleep(1_000);

        var loginsWhileDown = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            long begin = System.nanoTime();
            var login = login(system, actor);
            long millis = (System.nanoTime() - begin) / 1_000_000;
            String code = login.statusCode() == 200
                    ? ""
                    : JSON.readTree(login.body()).path("error").path("code").asString();
            loginsWhileDown.add(login.statusCode() + " " + code + " in " + millis + " ms");
            Thread.sleep(500);
        }
        Thread.sleep(1_000);
        SharedEngines.restart("redis");
        long restartedAt = System.nanoTime();
        int loginStatus = 0;
        while (loginStatus != 200
                && System.nanoTime() - restartedAt < Duration.ofSeconds(30).toNanos()) {
            loginStatus = login(system, actor).statusCode();
            if (loginStatus != 200) {
                Thread.sleep(250);
            }
        }
        long recoveredMillis = (System.nanoTime() - restartedAt) / 1_000_000;
        Thread.sleep(2_000);
        load.stop();

        var missingInDatabase = new ArrayList<>(load.acknowledged());
        missingInDatabase.removeAll(SteadyLoad.listed(system, actor, tenant));
        report(
                "redis kill -9 at %d ms, restarted after ~3.5 s; logins while down: %s; first login 200 %d ms after the restart; %s",
                killedAt, loginsWhileDown, recoveredMillis, load.summary());

        assertThat(loginsWhileDown)
                .as("logins while Redis is down fail closed, fast")
                .allSatisfy(answer -> assertThat(answer).startsWith("503 unavailable"));
        assertThat(loginStatus)
                .as("login once Redis is back, services not restarted")
                .isEqualTo(200);
        assertThat(missingInDatabase)
                .as("acknowledged projects missing in the database")
                .isEmpty();
        assertThat(load.failures()).as("answers other than 2xx or a fast 503").isEmpty();
    }

    @Test
    void coreStartedWhileRedisIsDownIsLiveNotReadyAndReadyOnceRedisReturns() throws Exception {
        var system = RunningSystem.get();
        Actor actor = SweepSupport.signUp(system, "redisstart");
        Tenant tenant = SweepSupport.createTenant(system, actor, "redisstart", "enterprise");
        SharedEngines.kill("redis");
        system.kill("core-service");
        long launchedAt = System.nanoTime();
        var restart = CompletableFuture.runAsync(() -> system.restart("core-service"));

        // Redis stays down until core has finished starting: liveness answers 200, readiness does not.
        String core = system.url("core-service");
        int live = 0;
        while (live != 200
                && !restart.isDone()
                && System.nanoTime() - launchedAt < Duration.ofSeconds(120).toNanos()) {
            live = status(core + "/actuator/health/liveness");
            if (live != 200) {
                Thread.sleep(250);
            }
        }
        long liveMillis = (System.nanoTime() - launchedAt) / 1_000_000;
        Thread.sleep(3_000);
        int readyWhileDown = status(core + "/actuator/health/readiness");
        assertThat(restart).as("core still starting, not exited").isNotDone();

        SharedEngines.restart("redis");
        long redisBackAt = System.nanoTime();
        restart.get(90, TimeUnit.SECONDS);
        long readyMillis = (System.nanoTime() - redisBackAt) / 1_000_000;
        // The gateway reconnects to Redis within its 2 s back-off; core itself answers once ready.
        int projects = 0;
        while (projects != 200
                && System.nanoTime() - redisBackAt < Duration.ofSeconds(15).toNanos()) {
            projects = SweepSupport.json(
                            system, actor, "GET", "/api/v1/orgs/" + tenant.orgId() + "/projects?limit=1", null)
                    .statusCode();
            if (projects != 200) {
                Thread.sleep(250);
            }
        }
        long servingMillis = (System.nanoTime() - redisBackAt) / 1_000_000;
        report(
                "core launched with Redis down: live after %d ms, readiness while down %d, ready %d ms and its projects listed through the gateway %d ms after Redis returned",
                liveMillis, readyWhileDown, readyMillis, servingMillis);

        assertThat(live).as("core live while Redis is down").isEqualTo(200);
        assertThat(readyWhileDown).as("core not ready while Redis is down").isEqualTo(503);
        assertThat(projects)
                .as("core serves through the gateway within 15 s of Redis's return")
                .isEqualTo(200);
    }

    private static int status(String url) {
        try {
            return PROBE.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException notListening) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static java.net.http.HttpResponse<String> login(RunningSystem system, Actor actor) throws Exception {
        return SweepSupport.json(
                system,
                null,
                "POST",
                "/api/v1/auth/token?grant_type=password",
                JSON.writeValueAsString(Map.of("email", actor.email(), "password", actor.password())));
    }

    static void report(String format, Object... args) {
        System.out.println("FAULT REPORT " + format.formatted(args));
    }
}
