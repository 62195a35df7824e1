package dev.tenantcore.search.indexing;

import org.jspecify.annotations.Nullable;

/**
 * One delivered record of core's topics, as the handler sees it.
 *
 * @param topic where it came from, for logs
 * @param offset its offset, for logs
 * @param value the JSON {@code IntegrationEvent}; null for a tombstone, which is not an event
 */
record ReceivedEvent(String topic, long offset, @Nullable String value) {}
