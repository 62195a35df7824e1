/** Multi-factor authentication: TOTP factors (RFC 6238), challenges, verification and recovery codes. */
@NullMarked
package dev.tenantcore.auth.mfa;

import org.jspecify.annotations.NullMarked;
