package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A service with two instances: the gateway spreads requests over both, an instance whose readiness is down
 * (stopping and draining) gets no new requests, and a request whose connection an instance refuses (stopped,
 * restarting) goes to the other whatever its method, since it never left.
 */
class CoreInstancesTests extends GatewayTestSupport {

    @Test
    void spreadsRequestsOverEveryInstance() throws InterruptedException {
        int first = CORE.apiCalls();
        int second = CORE_SECOND.apiCalls();
        // An instance that refused a connection moments ago (another test stopped it) is left out for 2 s, so
        // keep asking for a little longer than that before concluding it is never chosen.
        int sent = 0;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (sent < 6 || (CORE_SECOND.apiCalls() == second || CORE.apiCalls() == first)) {
            if (System.nanoTime() > deadline) {
                break;
            }
            signedIn()
                    .get()
                    .uri("/api/v1/orgs/o1/projects")
                    .exchange()
                    .expectStatus()
                    .isOk();
            sent++;
            if (sent >= 6 && (CORE_SECOND.apiCalls() == second || CORE.apiCalls() == first)) {
                Thread.sleep(100);
            }
        }
        assertThat(CORE.apiCalls()).isGreaterThan(first);
        assertThat(CORE_SECOND.apiCalls()).isGreaterThan(second);
        assertThat(CORE.apiCalls() - first + CORE_SECOND.apiCalls() - second).isEqualTo(sent);
    }

    @Test
    void sendsEveryMethodToTheOtherInstanceWhenOneRefusesConnections() {
        CORE_SECOND.stop();
        try {
            int before = CORE.apiCalls();
            for (int i = 0; i < 4; i++) {
                createProject("p" + i)
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.data.service")
                        .isEqualTo("core-service");
                signedIn()
                        .delete()
                        .uri("/api/v1/orgs/o1/projects/p" + i)
                        .exchange()
                        .expectStatus()
                        .isOk();
            }
            assertThat(CORE.apiCalls() - before).isEqualTo(8);
        } finally {
            CORE_SECOND.restart();
        }
    }

    @Test
    void sendsNothingToAnInstanceWhoseReadinessIsDown() throws InterruptedException {
        CORE_SECOND.draining(true);
        try {
            // The gateway asks each instance's readiness every second.
            Thread.sleep(2_500);
            int first = CORE.apiCalls();
            int second = CORE_SECOND.apiCalls();
            for (int i = 0; i < 8; i++) {
                createProject("d" + i).expectStatus().isOk();
            }
            assertThat(CORE_SECOND.apiCalls()).isEqualTo(second);
            assertThat(CORE.apiCalls() - first).isEqualTo(8);
        } finally {
            CORE_SECOND.draining(false);
        }
        // Back in the choices at the next check.
        Thread.sleep(2_500);
        int second = CORE_SECOND.apiCalls();
        for (int i = 0; i < 8; i++) {
            signedIn()
                    .get()
                    .uri("/api/v1/orgs/o1/projects")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        assertThat(CORE_SECOND.apiCalls()).isGreaterThan(second);
    }

    private WebTestClient.ResponseSpec createProject(String name) {
        return signedIn()
                .post()
                .uri("/api/v1/orgs/o1/projects")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\"}")
                .exchange();
    }
}
