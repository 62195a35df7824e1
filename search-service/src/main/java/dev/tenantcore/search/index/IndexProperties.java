package dev.tenantcore.search.index;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the search indices.
 *
 * @param refreshInterval how often new writes become searchable ({@code index.refresh_interval}); it bounds the
 *     write-to-searchable lag. Shorter makes more, smaller segments to merge; longer makes writes wait. Applied
 *     to every index at start-up, so a change takes effect without a reindex.
 */
@Validated
@ConfigurationProperties("tenantcore.search.index")
public record IndexProperties(
        @DefaultValue("250ms") @NotNull Duration refreshInterval) {

    /** The interval in OpenSearch's notation. */
    String refreshSetting() {
        return refreshInterval.toMillis() + "ms";
    }
}
