package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A service that stops: its breaker opens and the gateway answers 503 without trying it, the other routes
 * are untouched, and the breaker closes once the service is back. In these tests a breaker opens after 4
 * calls at 50% failures and tries again after 2 s.
 */
class CircuitBreakerTests extends GatewayTestSupport {

    private static final Duration QUICKLY = Duration.ofSeconds(3);

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    BulkheadRegistry bulkheads;

    @Test
    void callsEachServiceThroughItsOwnBulkhead() {
        signedIn()
                .get()
                .uri("/api/v1/orgs/o1/search?q=x")
                .exchange()
                .expectStatus()
                .isOk();
        signedIn()
                .get()
                .uri("/api/v1/orgs/o1/projects")
                .exchange()
                .expectStatus()
                .isOk();

        for (var service : new String[] {"search-service", "core-service"}) {
            assertThat(bulkheads.find(service))
                    .hasValueSatisfying(
                            bulkhead -> assertThat(bulkhead.getBulkheadConfig().getMaxConcurrentCalls())
                                    .isEqualTo(200));
        }
    }

    @Test
    void opensWhileAServiceIsDownAnswersFastAndClosesWhenItReturns() throws InterruptedException {
        var user = signedIn();
        user.get().uri("/api/v1/orgs/o1/search?q=x").exchange().expectStatus().isOk();
        SEARCH.stop();
        try {
            for (int i = 0; i < 6 && state() != CircuitBreaker.State.OPEN; i++) {
                user.get()
                        .uri("/api/v1/orgs/o1/search?q=x")
                        .exchange()
                        .expectStatus()
                        .isEqualTo(503)
                        .expectBody()
                        .json("{\"error\":{\"code\":\"unavailable\"}}");
            }
            assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);

            long started = System.nanoTime();
            user.get()
                    .uri("/api/v1/orgs/o1/search?q=x")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody()
                    .json("{\"error\":{\"code\":\"unavailable\"}}");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
            user.get().uri("/api/v1/orgs/o1/projects").exchange().expectStatus().isOk();

            client.get()
                    .uri("/api/v1/health")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.data.services['search-service'].status")
                    .isEqualTo("DOWN")
                    .jsonPath("$.data.services['search-service'].url")
                    .isEqualTo(SEARCH.url())
                    .jsonPath("$.data.services['core-service'].status")
                    .isEqualTo("UP");

            client.get()
                    .uri("/api/v1/openapi.json")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.paths['/api/v1/core/things']")
                    .exists()
                    .jsonPath("$['x-unavailable-services'][0]")
                    .isEqualTo("search-service");
        } finally {
            SEARCH.restart();
        }

        int status = 0;
        for (int i = 0; i < 40 && status != 200; i++) {
            Thread.sleep(250);
            status = user.get()
                    .uri("/api/v1/orgs/o1/search?q=x")
                    .exchange()
                    .returnResult(byte[].class)
                    .getStatus()
                    .value();
        }
        assertThat(status).isEqualTo(200);
        assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private CircuitBreaker.State state() {
        return breakers.circuitBreaker("search-service").getState();
    }
}
