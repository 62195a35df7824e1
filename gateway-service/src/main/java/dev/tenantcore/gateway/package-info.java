/** The gateway: the only public entry, routing to auth, core and search. Downstream URLs live in {@link dev.tenantcore.gateway.DownstreamServices}. */
@NullMarked
package dev.tenantcore.gateway;

import org.jspecify.annotations.NullMarked;
