package dev.tenantcore.gateway.openapi;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the merged API document is built.
 *
 * @param services the services whose documents are merged, by their name in {@code tenantcore.gateway.services}
 * @param path each service's document, appended to its base URL
 * @param title the merged document's title
 * @param version the merged document's version
 * @param timeout how long to wait for each service's document; a service that does not answer is left out
 * @param cacheFor how long the merged document is reused before the services are asked again
 */
@Validated
@ConfigurationProperties("tenantcore.gateway.openapi")
record OpenApiProperties(
        @DefaultValue({"auth-service", "core-service", "search-service", "worker-service"}) @NotEmpty
        List<String> services,

        @DefaultValue("/v3/api-docs") @NotBlank String path,
        @DefaultValue("TenantCore API") @NotBlank String title,
        @DefaultValue("v1") @NotBlank String version,
        @DefaultValue("3s") @NotNull Duration timeout,
        @DefaultValue("1m") @NotNull Duration cacheFor) {}
