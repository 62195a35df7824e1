/**
 * Contracts shared by every service: the public response envelope, stable error codes, event and job
 * records, and the names used in tokens and headers. Plain Java so that any client can depend on it.
 */
@NullMarked
package dev.tenantcore.contracts;

import org.jspecify.annotations.NullMarked;
