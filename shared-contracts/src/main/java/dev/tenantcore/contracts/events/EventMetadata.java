package dev.tenantcore.contracts.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What every event and job carries besides its payload.
 *
 * @param id unique id; consumers de-duplicate on it
 * @param type the event type, e.g. {@code project.created}
 * @param occurredAt when the change was committed
 * @param orgId the tenant, also the Kafka key (per-tenant ordering); null for events outside any tenant
 * @param actorId the user or API key that caused it, null for system actions
 * @param traceparent W3C trace context, so that one trace spans producer and consumer
 */
public record EventMetadata(
        UUID id,
        String type,
        Instant occurredAt,
        @Nullable UUID orgId,
        @Nullable UUID actorId,
        @Nullable String traceparent) {

    public static EventMetadata now(String type, @Nullable UUID orgId, @Nullable UUID actorId) {
        return new EventMetadata(UUID.randomUUID(), type, Instant.now(), orgId, actorId, null);
    }

    public EventMetadata withTraceparent(@Nullable String traceparent) {
        return new EventMetadata(id, type, occurredAt, orgId, actorId, traceparent);
    }
}
