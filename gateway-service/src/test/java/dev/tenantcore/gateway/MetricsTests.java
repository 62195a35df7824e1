package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The gateway's metrics: for a scraper with the token only, with the rejections operators watch. */
class MetricsTests extends GatewayTestSupport {

    static final String SCRAPE_TOKEN = "scrape-token-for-tests";

    @Test
    void metricsAreHiddenFromTheInternetButHealthIsNot() {
        client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("not_found");
        client.get()
                .uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-the-token")
                .exchange()
                .expectStatus()
                .isNotFound();
        // A user's valid access token is not the scrape token either.
        signedIn().get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void aScraperSeesRateLimitRejectionsAndRequestLatencies() throws Exception {
        var user = signedIn();
        int refused = 0;
        for (int i = 0; i < 10 && refused == 0; i++) {
            int status = user.get()
                    .uri("/api/v1/orgs/org-free/projects")
                    .exchange()
                    .expectBody()
                    .returnResult()
                    .getStatus()
                    .value();
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).isEqualTo(1);

        // The scrape is larger than the test client buffers (latency histograms): read it with the JDK client.
        var scrape = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SCRAPE_TOKEN)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("gateway_rate_limit_rejections_total\\{[^}]*route=\"core-service\"[^}]*\\} [1-9]")
                .contains("http_server_requests_seconds_bucket")
                .contains("application=\"gateway-service\"");
    }
}
