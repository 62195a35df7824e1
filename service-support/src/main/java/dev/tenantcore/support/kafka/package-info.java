/** Kafka consumer support shared by the services that consume events (needs spring-kafka on the classpath). */
@NullMarked
package dev.tenantcore.support.kafka;

import org.jspecify.annotations.NullMarked;
