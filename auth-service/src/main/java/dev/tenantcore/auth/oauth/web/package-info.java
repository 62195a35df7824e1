/** HTTP endpoints of provider sign-in. */
@NullMarked
package dev.tenantcore.auth.oauth.web;

import org.jspecify.annotations.NullMarked;
