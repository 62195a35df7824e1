/** How a request reaches a service: instances behind {@code lb://} routes and which failures are tried again. */
@NullMarked
package dev.tenantcore.gateway.routing;

import org.jspecify.annotations.NullMarked;
