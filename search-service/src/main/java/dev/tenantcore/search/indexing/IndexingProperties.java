package dev.tenantcore.search.indexing;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How core's events are consumed for indexing.
 *
 * @param concurrency consumer threads; more than the topics' partitions (core declares 3) would sit idle
 * @param maxPollRecords the most events one poll returns, and so one bulk request holds
 */
@Validated
@ConfigurationProperties("tenantcore.search.indexing")
record IndexingProperties(
        @DefaultValue("3") @Min(1) int concurrency,
        @DefaultValue("500") @Min(1) int maxPollRecords) {}
