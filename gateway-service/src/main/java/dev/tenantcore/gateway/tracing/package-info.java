/** The request's trace, carried to the service a request is routed to. */
@NullMarked
package dev.tenantcore.gateway.tracing;

import org.jspecify.annotations.NullMarked;
