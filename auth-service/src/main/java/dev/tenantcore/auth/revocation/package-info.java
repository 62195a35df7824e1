/** The revocation list in Redis that the gateway and this service check on every authenticated request. */
@NullMarked
package dev.tenantcore.auth.revocation;

import org.jspecify.annotations.NullMarked;
