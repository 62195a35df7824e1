/** The caller's own profile. */
@NullMarked
package dev.tenantcore.core.users.web;

import org.jspecify.annotations.NullMarked;
