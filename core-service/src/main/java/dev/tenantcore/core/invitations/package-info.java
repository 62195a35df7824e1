/** Invitations by e-mail. */
@NullMarked
package dev.tenantcore.core.invitations;

import org.jspecify.annotations.NullMarked;
