package dev.tenantcore.gateway.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The identity properties of unit tests: the defaults of application.yml with one HS256 issuer. */
final class IdentityPropertiesFixture {

    private IdentityPropertiesFixture() {}

    static IdentityProperties withIssuer(String issuer, String secret, boolean revocationMirror) {
        return new IdentityProperties(
                Map.of(issuer, new IdentityProperties.TrustedIssuer(issuer, null, secret, Set.of("HS256"))),
                "authenticated",
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofMinutes(10),
                Duration.ofSeconds(2),
                List.of(),
                "/internal/api-keys/verify",
                "internal",
                Duration.ofSeconds(30),
                revocationMirror,
                Duration.ofMillis(500));
    }
}
