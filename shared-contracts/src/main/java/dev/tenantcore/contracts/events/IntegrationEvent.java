package dev.tenantcore.contracts.events;

/**
 * An event as it travels between services on Kafka.
 *
 * @param metadata identity, tenant, actor and trace of the event
 * @param payload the event's own data, a record named in the past tense
 * @param <T> payload type
 */
public record IntegrationEvent<T>(EventMetadata metadata, T payload) {}
