/** How a service stops: it keeps serving while routers notice that it is leaving. */
@NullMarked
package dev.tenantcore.support.lifecycle;

import org.jspecify.annotations.NullMarked;
