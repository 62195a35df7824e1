package dev.tenantcore.core.events;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The log of events this service has consumed, keyed by event id. Recording an event and applying it happen in
 * one transaction, so an event is applied exactly once however often Kafka delivers it.
 */
@Component
public class ProcessedEvents {

    private final JdbcClient jdbc;

    ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the event was recorded before, for work that spans several transactions before it is recorded. */
    public boolean seen(UUID eventId) {
        return jdbc.sql("select count(*) from processed_events where event_id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Records the event; false when it was recorded before (a redelivery or replay: apply nothing). */
    public boolean firstTime(UUID eventId, String topic, String type) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an event is recorded in the transaction that applies it");
        }
        return jdbc.sql("insert into processed_events (event_id, topic, type) values (?, ?, ?) "
                                + "on conflict (event_id) do nothing")
                        .params(eventId, topic, type)
                        .update()
                == 1;
    }
}
