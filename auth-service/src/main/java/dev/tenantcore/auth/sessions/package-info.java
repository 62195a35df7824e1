/** Sessions, token grants, refresh-token rotation, logout and login throttling. */
@NullMarked
package dev.tenantcore.auth.sessions;

import org.jspecify.annotations.NullMarked;
