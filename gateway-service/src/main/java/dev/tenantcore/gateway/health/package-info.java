/** The aggregate health of the system: the readiness of each downstream service. */
@NullMarked
package dev.tenantcore.gateway.health;

import org.jspecify.annotations.NullMarked;
