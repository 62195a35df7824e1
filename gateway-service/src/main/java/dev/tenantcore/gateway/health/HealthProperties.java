package dev.tenantcore.gateway.health;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway asks the services whether they are ready.
 *
 * @param timeout how long to wait for each service; a service that does not answer in time counts as DOWN,
 *     so the aggregate answers within this bound even when a service hangs
 * @param path the readiness endpoint on each service, appended to its base URL
 */
@Validated
@ConfigurationProperties("tenantcore.gateway.health")
record HealthProperties(
        @DefaultValue("2s") @NotNull Duration timeout,

        @DefaultValue("/actuator/health/readiness") @Pattern(regexp = "/.*")
        String path) {}
