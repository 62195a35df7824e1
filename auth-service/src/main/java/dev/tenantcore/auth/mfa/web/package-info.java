/** HTTP endpoints of MFA under {@code /api/v1/auth/factors}. */
@NullMarked
package dev.tenantcore.auth.mfa.web;

import org.jspecify.annotations.NullMarked;
