/** Organizations (the tenants), their subscription tiers and quotas. */
@NullMarked
package dev.tenantcore.core.organizations;

import org.jspecify.annotations.NullMarked;
