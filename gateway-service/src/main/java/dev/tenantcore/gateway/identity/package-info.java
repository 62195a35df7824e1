/**
 * Who is calling: the edge verifies an access token (by {@code kid} from a trusted issuer's JWKS, or an
 * issuer's shared secret) or an API key (through auth-service), checks the revocation list, and records the
 * {@link dev.tenantcore.gateway.identity.Caller} for the rate limits. Services verify again behind it.
 */
@NullMarked
package dev.tenantcore.gateway.identity;

import org.jspecify.annotations.NullMarked;
