/** JMH micro-benchmarks of auth's hot paths. */
@NullMarked
package dev.tenantcore.auth.jmh;

import org.jspecify.annotations.NullMarked;
