/**
 * What every servlet service shares: the error envelope, JSON logs, request ids, resource-server security
 * and tenant-scoped transactions. Each service gets it by auto-configuration.
 */
@NullMarked
package dev.tenantcore.support;

import org.jspecify.annotations.NullMarked;
