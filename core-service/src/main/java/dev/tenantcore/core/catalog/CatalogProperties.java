package dev.tenantcore.core.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The catalog's own database login.
 *
 * @param username the read-only role that bypasses row-level security ({@code core_catalog})
 * @param password its password ({@code CORE_CATALOG_PASSWORD})
 * @param url the JDBC URL; absent means the application datasource's URL
 * @param maxPoolSize connections the catalog holds at most
 */
@Validated
@ConfigurationProperties("tenantcore.core.catalog")
public record CatalogProperties(
        @DefaultValue("core_catalog") @NotBlank String username,
        @DefaultValue("core_catalog") String password,
        @Nullable String url,
        @DefaultValue("2") @Min(1) @Max(10) int maxPoolSize) {}
