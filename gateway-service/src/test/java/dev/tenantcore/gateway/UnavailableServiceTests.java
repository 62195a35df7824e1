package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway when search-service is not running and core-service answers too slowly. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s")
@AutoConfigureWebTestClient
class UnavailableServiceTests {

    private static final Duration QUICKLY = Duration.ofSeconds(3);

    static final FakeService AUTH = FakeService.start("auth-service");
    static final FakeService CORE = FakeService.start("core-service");
    static final FakeService WORKER = FakeService.start("worker-service");
    static final String STOPPED_SEARCH = FakeService.closedUrl();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("tenantcore.gateway.services.auth-service", AUTH::url);
        registry.add("tenantcore.gateway.services.core-service", CORE::url);
        registry.add("tenantcore.gateway.services.search-service", () -> STOPPED_SEARCH);
        registry.add("tenantcore.gateway.services.worker-service", WORKER::url);
    }

    @AfterAll
    static void stopServices() {
        AUTH.close();
        CORE.close();
        WORKER.close();
    }

    @Autowired
    WebTestClient client;

    @Test
    void answersUnavailableQuicklyWhenTheServiceIsDown() {
        long started = System.nanoTime();

        client.get()
                .uri("/api/v1/orgs/o1/search?q=x")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .json("{\"error\":{\"code\":\"unavailable\"}}");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    }

    @Test
    void answersUnavailableWhenTheServiceExceedsTheResponseTimeout() {
        long started = System.nanoTime();

        client.get()
                .uri("/api/v1/slow")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .json("{\"error\":{\"code\":\"unavailable\"}}");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    }

    @Test
    void reportsDownWithEachServicesStateWhenOneIsNotRunning() {
        client.get()
                .uri("/api/v1/health")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("unavailable")
                .jsonPath("$.data.status")
                .isEqualTo("DOWN")
                .jsonPath("$.data.services['search-service'].status")
                .isEqualTo("DOWN")
                .jsonPath("$.data.services['search-service'].url")
                .isEqualTo(STOPPED_SEARCH)
                .jsonPath("$.data.services['auth-service'].status")
                .isEqualTo("UP")
                .jsonPath("$.data.services['core-service'].status")
                .isEqualTo("UP")
                .jsonPath("$.data.services['worker-service'].status")
                .isEqualTo("UP");
    }
}
