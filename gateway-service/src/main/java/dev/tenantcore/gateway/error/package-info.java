/** The single mapping of every gateway failure to the response envelope. */
@NullMarked
package dev.tenantcore.gateway.error;

import org.jspecify.annotations.NullMarked;
