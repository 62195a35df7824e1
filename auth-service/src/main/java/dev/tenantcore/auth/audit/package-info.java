/** The audit trail of auth events and their publication through the outbox. */
@NullMarked
package dev.tenantcore.auth.audit;

import org.jspecify.annotations.NullMarked;
