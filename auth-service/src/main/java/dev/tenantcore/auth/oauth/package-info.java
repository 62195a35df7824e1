/**
 * Sign-in with OAuth2 / OpenID Connect providers (GitHub, Google, any configured OpenID provider): authorization
 * code with PKCE, state and nonce kept server-side, identities linked to accounts only by a verified e-mail.
 */
@NullMarked
package dev.tenantcore.auth.oauth;

import org.jspecify.annotations.NullMarked;
