/** Envelope encryption of secrets at rest and opaque token helpers. */
@NullMarked
package dev.tenantcore.auth.crypto;

import org.jspecify.annotations.NullMarked;
