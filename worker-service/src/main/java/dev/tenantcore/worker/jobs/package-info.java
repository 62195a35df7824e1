/** Jobs from Kafka: retries, dead letters, idempotency, status. {@link dev.tenantcore.worker.jobs.Jobs} and {@link dev.tenantcore.worker.jobs.JobHandler} are the API. */
@NullMarked
package dev.tenantcore.worker.jobs;

import org.jspecify.annotations.NullMarked;
