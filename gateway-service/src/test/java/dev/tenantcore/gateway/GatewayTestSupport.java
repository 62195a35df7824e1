package dev.tenantcore.gateway;

import dev.tenantcore.engines.test.RedisTestConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The running gateway in front of four fake services (core with two instances) and the shared Redis. Every integration test extends
 * this class, so the module starts one Spring context. Tests that stop a service restart it before they end.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1500ms",
            "tenantcore.gateway.rate-limit.default-tier=enterprise",
            "tenantcore.gateway.rate-limit.org-tiers.org-free=free",
            "tenantcore.gateway.rate-limit.tiers.free.capacity=3",
            "tenantcore.gateway.rate-limit.tiers.free.refill-per-second=1",
            "tenantcore.gateway.rate-limit.credentials.capacity=5",
            "tenantcore.gateway.rate-limit.credentials.refill-per-second=0.2",
            "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=4",
            "resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
            "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=2s",
            "resilience4j.circuitbreaker.configs.default.permitted-number-of-calls-in-half-open-state=1",
            "tenantcore.gateway.cors.allowed-origins=https://app.example.com",
            "tenantcore.gateway.openapi.cache-for=0s",
            "tenantcore.gateway.metrics.scrape-token=" + MetricsTests.SCRAPE_TOKEN,
            "tenantcore.gateway.identity.issuers.supabase.issuer=" + EdgeAuthenticationTests.SUPABASE_ISSUER,
            "tenantcore.gateway.identity.issuers.supabase.secret=" + EdgeAuthenticationTests.SUPABASE_SECRET,
            "tenantcore.gateway.identity.issuers.supabase.algorithms=HS256"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(RedisTestConfiguration.class)
abstract class GatewayTestSupport {

    static final FakeService AUTH = FakeService.start("auth-service");
    static final FakeService CORE = FakeService.start("core-service");
    /** core-service's second instance: the gateway balances core's routes over both. */
    static final FakeService CORE_SECOND = FakeService.start("core-service");

    static final FakeService SEARCH = FakeService.start("search-service");
    static final FakeService WORKER = FakeService.start("worker-service");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("tenantcore.gateway.services.auth-service", AUTH::url);
        registry.add("tenantcore.gateway.services.core-service", CORE::url);
        registry.add("spring.cloud.discovery.client.simple.instances.core-service[0].uri", CORE::url);
        registry.add("spring.cloud.discovery.client.simple.instances.core-service[1].uri", CORE_SECOND::url);
        registry.add("tenantcore.gateway.services.search-service", SEARCH::url);
        registry.add("tenantcore.gateway.services.worker-service", WORKER::url);
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    /** The client with a valid access token of a fresh user on every request. */
    WebTestClient signedIn() {
        return client.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.valid())
                .build();
    }
}
