/**
 * Supabase (GoTrue) compatibility: the auth operations under {@code /auth/v1/*} with GoTrue's request, response and
 * error shapes, so that {@code @supabase/auth-js} works against this service. Thin controllers over the features.
 */
@NullMarked
package dev.tenantcore.auth.gotrue;

import org.jspecify.annotations.NullMarked;
