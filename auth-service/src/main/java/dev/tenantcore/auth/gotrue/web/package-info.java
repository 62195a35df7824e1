/** GoTrue-shaped controllers, their error mapping and the security chain of {@code /auth/v1/**}. */
@NullMarked
package dev.tenantcore.auth.gotrue.web;

import org.jspecify.annotations.NullMarked;
