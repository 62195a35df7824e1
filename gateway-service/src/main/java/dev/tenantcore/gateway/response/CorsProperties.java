package dev.tenantcore.gateway.response;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which browser origins may call the API. Credentials are allowed, so only listed origins are: never a
 * wildcard.
 *
 * @param allowedOrigins exact origins (scheme, host, port) such as the frontend's {@code https://app.example.com}
 * @param allowedMethods methods a browser may use cross-origin
 * @param allowedHeaders request headers a browser may send cross-origin
 * @param exposedHeaders response headers a browser lets the page read
 * @param maxAge how long a browser may cache a preflight answer
 */
@Validated
@ConfigurationProperties("tenantcore.gateway.cors")
record CorsProperties(
        @DefaultValue("http://localhost:3000") List<String> allowedOrigins,

        @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE"})
        List<String> allowedMethods,

        @DefaultValue({
            "Authorization",
            "Content-Type",
            "X-API-Key",
            "X-Request-Id",
            "Idempotency-Key",
            "If-Match",
            "If-None-Match",
            "traceparent",
            "tracestate",
            "apikey",
            "X-Client-Info"
        })
        List<String> allowedHeaders,

        @DefaultValue({
            "X-Request-Id",
            "ETag",
            "Location",
            "Retry-After",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset"
        })
        List<String> exposedHeaders,

        @DefaultValue("1h") @NotNull Duration maxAge) {

    CorsProperties {
        if (allowedOrigins.stream().anyMatch(origin -> origin.contains("*"))) {
            throw new IllegalArgumentException(
                    "tenantcore.gateway.cors.allowed-origins must list exact origins: credentials are allowed");
        }
    }
}
