package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway when a service answers too slowly. */
class UnavailableServiceTests extends GatewayTestSupport {

    private static final Duration QUICKLY = Duration.ofSeconds(3);

    @BeforeEach
    void warmUp() {
        // The first request pays for the key download and connection set-up; time only what follows.
        signedIn().get().uri("/api/v1/me").exchange().expectStatus().isOk();
    }

    @Test
    void answersUnavailableWhenTheServiceExceedsTheResponseTimeout() {
        long started = System.nanoTime();

        signedIn()
                .get()
                .uri("/api/v1/slow")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .json("{\"error\":{\"code\":\"unavailable\"}}");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    }
}
