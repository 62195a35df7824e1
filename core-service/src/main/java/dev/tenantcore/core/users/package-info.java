/** User profiles, created just in time from the access token. */
@NullMarked
package dev.tenantcore.core.users;

import org.jspecify.annotations.NullMarked;
