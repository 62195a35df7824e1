package dev.tenantcore.gateway;

import jakarta.validation.constraints.NotEmpty;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The services behind the gateway. The routes in {@code application.yml} point at these URLs, and the
 * aggregate health asks each of them, so one setting (or env var such as {@code CORE_URL}) moves a service.
 *
 * @param services base URL of each service by its name ({@code auth-service}, {@code core-service}, ...)
 */
@Validated
@ConfigurationProperties("tenantcore.gateway")
public record DownstreamServices(@NotEmpty Map<String, URI> services) {}
