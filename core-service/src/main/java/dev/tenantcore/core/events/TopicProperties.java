package dev.tenantcore.core.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How core's event topics ({@code core.organizations}, {@code core.memberships}, ...) are declared at startup.
 * Existing topics with fewer partitions are raised to {@code partitions} (never lowered); records stay keyed by
 * org id, so an org's events keep their order within a partition, though raising the count moves some orgs to
 * other partitions from then on.
 *
 * @param partitions partitions per topic, so that consumers (search) can work in parallel
 * @param replicationFactor replicas per partition; 1 for a single local broker, 3 in production
 */
@Validated
@ConfigurationProperties("tenantcore.core.topics")
public record TopicProperties(
        @DefaultValue("3") @Min(1) @Max(1000) int partitions,
        @DefaultValue("1") @Min(1) @Max(10) short replicationFactor) {}
