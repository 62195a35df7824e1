/** worker-service: background jobs from Kafka and scheduled maintenance. */
@NullMarked
package dev.tenantcore.worker;

import org.jspecify.annotations.NullMarked;
