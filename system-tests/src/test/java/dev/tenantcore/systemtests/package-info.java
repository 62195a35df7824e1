/** Black-box tests of the whole system: real engines, every service in its own JVM, calls through the gateway. */
@NullMarked
package dev.tenantcore.systemtests;

import org.jspecify.annotations.NullMarked;
