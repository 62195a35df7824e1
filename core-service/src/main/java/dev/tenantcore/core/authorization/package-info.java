/** RBAC: roles, permissions with conditions, scoped assignments and the one authorization facade. */
@NullMarked
package dev.tenantcore.core.authorization;

import org.jspecify.annotations.NullMarked;
