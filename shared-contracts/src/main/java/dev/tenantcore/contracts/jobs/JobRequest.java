package dev.tenantcore.contracts.jobs;

import dev.tenantcore.contracts.events.EventMetadata;
import java.util.Map;

/**
 * A unit of background work on {@code jobs.<type>}. The job id is {@code metadata.id}; handlers are
 * idempotent on it.
 *
 * @param metadata identity, tenant, actor and trace of the job
 * @param payload job-specific parameters
 */
public record JobRequest(EventMetadata metadata, Map<String, Object> payload) {}
