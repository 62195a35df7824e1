/**
 * Engines for tests: one instance of each per test JVM, shared by all its tests, handed to Spring Boot as
 * connection details. Embedded by default; Testcontainers with {@code -Dinfra=containers} where a Docker
 * engine exists.
 */
@NullMarked
package dev.tenantcore.engines.test;

import org.jspecify.annotations.NullMarked;
