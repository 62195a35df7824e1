/** Transactions on behalf of a tenant, the only way the service reaches tenant data. */
@NullMarked
package dev.tenantcore.core.tenancy;

import org.jspecify.annotations.NullMarked;
