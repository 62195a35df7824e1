package dev.tenantcore.systemtests;

import static dev.tenantcore.systemtests.EngineFaultsTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.systemtests.SweepSupport.Actor;
import dev.tenantcore.systemtests.SweepSupport.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two core instances behind a gateway of their own (the gateway's {@code lb://core-service} over a static
 * list of two), under steady reads and writes: one instance killed with {@code kill -9} costs at most the
 * requests it was answering at that moment, and a rolling restart (SIGTERM, start, ready, then the other)
 * costs none: a stopping instance's readiness turns down while it keeps serving for its drain (3 s here), the
 * gateway, which asks each instance's readiness every second, stops choosing it, and a request whose connection
 * it refused anyway goes to the other.
 */
@Order(93)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoreInstancesTest {

    private static final String CORE_B = "core-service-b";
    private static final String GATEWAY_B = "gateway-service-b";
    /** Requests in flight on the killed instance may fail (at most one per load thread). */
    private static final int IN_FLIGHT_AT_KILL = 4;

    /** 4 threads: about 20 requests a second, under the enterprise tier's 50 a second. */
    private static final Duration PACE = Duration.ofMillis(150);

    private static String gateway = "";

    @BeforeAll
    static void twoCoreInstances() {
        var system = RunningSystem.get();
        String coreB = system.startInstance(CORE_B, "core-service", List.of());
        gateway = system.startInstance(
                GATEWAY_B,
                "gateway-service",
                List.of(
                        // The tenants here are enterprise organizations; the gateway takes tiers from configuration.
                        "--tenantcore.gateway.rate-limit.default-tier=enterprise",
                        "--spring.cloud.discovery.client.simple.instances.core-service[0].uri="
                                + system.url("core-service"),
                        "--spring.cloud.discovery.client.simple.instances.core-service[1].uri=" + coreB));
    }

    @AfterAll
    static void oneCoreInstance() {
        var system = RunningSystem.get();
        system.stop(GATEWAY_B);
        system.stop(CORE_B);
    }

    @Test
    @Order(1)
    void oneOfTwoInstancesKilledCostsOnlyWhatItWasAnswering() throws Exception {
        var system = RunningSystem.get();
        Actor actor = SweepSupport.signUp(system, "corepair");
        Tenant tenant = SweepSupport.createTenant(system, actor, "corepair", "enterprise");
        var load = SteadyLoad.start(gateway, actor, tenant, "corepair" + SweepSupport.shortId(), 2, 2, null, PACE);
        Thread.sleep(2_000);
        long killedAt = load.now();
        system.kill(CORE_B);
        Thread.sleep(3_000);
        long restartBegin = System.nanoTime();
        system.restart(CORE_B);
        long restartMillis = (System.nanoTime() - restartBegin) / 1_000_000;
        Thread.sleep(2_000);
        load.stop();

        var missing = new ArrayList<>(load.acknowledged());
        missing.removeAll(SteadyLoad.listed(system, actor, tenant));
        report(
                "one of two core instances kill -9 at %d ms, back after %d ms; %s; failures: %s",
                killedAt, 3_000 + restartMillis, load.summary(), load.failures());
        assertThat(missing).as("acknowledged projects missing in the database").isEmpty();
        assertThat(load.failures()).as("answers other than 2xx or a fast 503").isEmpty();
        assertThat(load.answers("POST 503") + load.answers("GET 503"))
                .as("fast 503s: only requests the killed instance was answering")
                .isLessThanOrEqualTo(IN_FLIGHT_AT_KILL);
    }

    @Test
    @Order(2)
    void rollingRestartFailsNoRequest() throws Exception {
        var system = RunningSystem.get();
        Actor actor = SweepSupport.signUp(system, "corerolling");
        Tenant tenant = SweepSupport.createTenant(system, actor, "corerolling", "enterprise");
        var load = SteadyLoad.start(gateway, actor, tenant, "corerolling" + SweepSupport.shortId(), 2, 2, null, PACE);
        Thread.sleep(2_000);
        long begin = System.nanoTime();
        for (String instance : List.of("core-service", CORE_B)) {
            system.stop(instance);
            system.restart(instance);
            // Ready; the gateway asks every second, so it is among the choices again before the next one stops.
            Thread.sleep(2_500);
        }
        long rollingMillis = (System.nanoTime() - begin) / 1_000_000;
        load.stop();

        var missing = new ArrayList<>(load.acknowledged());
        missing.removeAll(SteadyLoad.listed(system, actor, tenant));
        report(
                "rolling restart of two core instances took %d ms; %s; failures: %s",
                rollingMillis, load.summary(), load.failures());
        assertThat(missing).as("acknowledged projects missing in the database").isEmpty();
        assertThat(load.failures()).as("answers other than 2xx").isEmpty();
        assertThat(load.answers("POST 503") + load.answers("GET 503"))
                .as("503s during a rolling restart")
                .isZero();
    }
}
