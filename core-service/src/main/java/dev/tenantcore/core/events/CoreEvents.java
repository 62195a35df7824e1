package dev.tenantcore.core.events;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.IntegrationEvent;
import dev.tenantcore.contracts.jobs.JobRequest;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes core events and jobs through the outbox. Call it inside the transaction of the change: the
 * event publication registry stores the event in that transaction, and it reaches Kafka after commit, at
 * least once.
 */
@Component
public class CoreEvents {

    private final ApplicationEventPublisher publisher;

    CoreEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(String type, UUID orgId, @Nullable UUID actorId, Object payload) {
        requireTransaction();
        publisher.publishEvent(new IntegrationEvent<>(EventMetadata.now(type, orgId, actorId), payload));
    }

    /** Queues a background job on {@code jobs.<type>}, with the same guarantees as an event. */
    public void enqueueJob(String jobType, @Nullable UUID orgId, @Nullable UUID actorId, Map<String, Object> payload) {
        requireTransaction();
        publisher.publishEvent(new JobRequest(EventMetadata.now(jobType, orgId, actorId), payload));
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("events are published inside the transaction of the change");
        }
    }
}
