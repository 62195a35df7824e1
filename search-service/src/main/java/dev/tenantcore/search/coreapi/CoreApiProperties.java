package dev.tenantcore.search.coreapi;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How search-service reaches core-service's internal API (authenticated with
 * {@code tenantcore.security.internal-token}).
 *
 * @param url core-service's base address
 * @param timeout how long one call may take before search answers {@code unavailable}
 * @param grantsTtl how long a user's grants are reused; bounds how late a role change shows in results
 */
@Validated
@ConfigurationProperties("tenantcore.search.core")
public record CoreApiProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8082") URI url,
        @NotNull @DefaultValue("2s") Duration timeout,
        @NotNull @DefaultValue("1s") Duration grantsTtl) {}
