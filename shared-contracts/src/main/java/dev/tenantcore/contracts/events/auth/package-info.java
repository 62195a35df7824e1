/** Events that auth-service publishes on {@code auth.users}. */
@NullMarked
package dev.tenantcore.contracts.events.auth;

import org.jspecify.annotations.NullMarked;
