/** Outbox: core events written in the transaction of the change and externalized to Kafka. */
@NullMarked
package dev.tenantcore.core.events;

import org.jspecify.annotations.NullMarked;
