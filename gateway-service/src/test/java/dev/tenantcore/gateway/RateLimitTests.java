package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Tier-sized token buckets. In these tests the free tier allows a burst of 3 refilled at 1 per second, the
 * default tier is enterprise, and {@code org-free} is on the free tier.
 */
class RateLimitTests extends GatewayTestSupport {

    @Test
    void refusesABurstBeyondTheTiersLimitAndRefills() throws InterruptedException {
        var user = signedIn();
        var first = user.get()
                .uri("/api/v1/orgs/org-free/projects")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("RateLimit-Limit", "3")
                .expectHeader()
                .valueEquals("RateLimit-Remaining", "2")
                .expectHeader()
                .exists("RateLimit-Reset")
                .expectBody()
                .returnResult();
        assertThat(first.getStatus().value()).isEqualTo(200);

        var refused = burstUntilRefused(user, "/api/v1/orgs/org-free/projects");
        var headers = refused.getResponseHeaders();
        assertThat(headers.getFirst("RateLimit-Limit")).isEqualTo("3");
        assertThat(headers.getFirst("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(headers.getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 2L);
        assertThat(Long.parseLong(headers.getFirst("RateLimit-Reset"))).isBetween(1L, 4L);
        assertThat(new String(refused.getResponseBodyContent())).contains("\"code\":\"rate_limited\"");

        // Another organization's tier (the enterprise default) is a separate bucket.
        user.get()
                .uri("/api/v1/orgs/org-big/projects")
                .exchange()
                .expectStatus()
                .isOk();

        Thread.sleep(Duration.ofSeconds(Long.parseLong(headers.getFirst(HttpHeaders.RETRY_AFTER))));
        user.get()
                .uri("/api/v1/orgs/org-free/projects")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void takesAnOrganizationsTierFromCoreAndKeepsIt() {
        var user = signedIn();
        int lookups = CORE.tierLookups() + CORE_SECOND.tierLookups();
        // Core says FREE_ORG is on the free tier (burst 3); an org core does not know gets the default tier.
        user.get()
                .uri("/api/v1/orgs/" + FakeService.FREE_ORG + "/projects")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("RateLimit-Limit", "3");
        var refused = burstUntilRefused(user, "/api/v1/orgs/" + FakeService.FREE_ORG + "/projects");
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Limit")).isEqualTo("3");
        user.get()
                .uri("/api/v1/orgs/" + java.util.UUID.randomUUID() + "/projects")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("RateLimit-Limit", "1000");
        // One lookup per org, then the tier is kept: the burst asked core nothing more.
        assertThat(CORE.tierLookups() + CORE_SECOND.tierLookups() - lookups).isEqualTo(2);
    }

    @Test
    void limitsCredentialEndpointsPerAddressWhateverTheCaller() {
        var refused = burstUntilRefused(client, "/api/v1/auth/recover");
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Limit")).isEqualTo("5");
        // A token does not buy more guesses.
        signedIn().post().uri("/api/v1/auth/recover").exchange().expectStatus().isEqualTo(429);
    }

    private static EntityExchangeResult<byte[]> burstUntilRefused(WebTestClient caller, String path) {
        for (int i = 0; i < 30; i++) {
            var result = caller.post().uri(path).exchange().expectBody().returnResult();
            if (result.getStatus().value() == 429) {
                return result;
            }
            assertThat(result.getStatus().value()).isEqualTo(200);
        }
        throw new AssertionError("never refused");
    }
}
