/** auth-service: identities and credentials (accounts, sessions, signing keys, API keys, MFA). */
@NullMarked
package dev.tenantcore.auth;

import org.jspecify.annotations.NullMarked;
