/** Invitation endpoints. */
@NullMarked
package dev.tenantcore.core.invitations.web;

import org.jspecify.annotations.NullMarked;
