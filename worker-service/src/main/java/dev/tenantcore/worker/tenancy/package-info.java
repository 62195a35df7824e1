/**
 * Tenancy of the worker's own tables: every read and write runs in a transaction as an org (row-level security),
 * through {@link dev.tenantcore.worker.tenancy.TenantTransactions}.
 */
@NullMarked
package dev.tenantcore.worker.tenancy;

import org.jspecify.annotations.NullMarked;
