/** Access-token signing keys: storage, rotation, the JWKS and self-verification. */
@NullMarked
package dev.tenantcore.auth.keys;

import org.jspecify.annotations.NullMarked;
