/**
 * Real engines started from Maven artifacts: PostgreSQL, Redis, a Kafka KRaft broker, an SMTP server that
 * captures mail, and an OpenSearch node in its own JVM. {@link LocalEngines} runs them for the local
 * system; {@link dev.tenantcore.engines.test} shares them with tests.
 */
@NullMarked
package dev.tenantcore.engines;

import org.jspecify.annotations.NullMarked;
