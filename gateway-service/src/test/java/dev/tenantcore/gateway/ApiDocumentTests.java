package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** One OpenAPI document for the whole API, and a page to browse it that needs nothing from the internet. */
class ApiDocumentTests extends GatewayTestSupport {

    @Test
    void mergesTheServicesDocumentsWithoutCredential() {
        client.get()
                .uri("/api/v1/openapi.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.openapi")
                .isEqualTo("3.1.0")
                .jsonPath("$.info.title")
                .isEqualTo("TenantCore API")
                .jsonPath("$.paths['/api/v1/auth/things'].get.operationId")
                .isEqualTo("list-auth")
                .jsonPath("$.paths['/api/v1/core/things']")
                .exists()
                .jsonPath("$.paths['/api/v1/search/things']")
                .exists()
                .jsonPath("$.paths['/internal/core/things']")
                .doesNotExist()
                .jsonPath("$.components.schemas.authThing")
                .exists()
                .jsonPath("$.components.schemas.searchThing")
                .exists()
                .jsonPath("$.components.schemas.ApiError")
                .exists()
                .jsonPath("$['x-unavailable-services']")
                .doesNotExist();
    }

    @Test
    void servesTheApiBrowserFromTheGatewayItself() {
        var page = client.get()
                .uri("/docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .value("Content-Security-Policy", csp -> assertThat(csp).contains("script-src 'self'"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("/webjars/swagger-ui/").doesNotContain("https://");

        client.get().uri("/docs/init.js").exchange().expectStatus().isOk();
        // The bundle is 1.5 MB; its presence, type and size are what matter, not streaming it through the test
        // client: its first 100 bytes, and the whole size from Content-Range.
        client.get()
                .uri("/webjars/swagger-ui/5.32.2/swagger-ui-bundle.js")
                .header("Range", "bytes=0-99")
                .exchange()
                .expectStatus()
                .isEqualTo(206)
                .expectHeader()
                .value("Content-Type", type -> assertThat(type).contains("javascript"))
                .expectHeader()
                .value(
                        "Content-Range",
                        range -> assertThat(Long.parseLong(range.substring(range.indexOf('/') + 1)))
                                .isGreaterThan(1_000_000L))
                .expectBody(byte[].class)
                .value(body -> assertThat(body).hasSize(100));
    }
}
