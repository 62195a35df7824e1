/** HTTP endpoints of token grants and sessions. */
@NullMarked
package dev.tenantcore.auth.sessions.web;

import org.jspecify.annotations.NullMarked;
