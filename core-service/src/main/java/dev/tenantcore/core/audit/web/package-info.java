/** Audit-log endpoints. */
@NullMarked
package dev.tenantcore.core.audit.web;

import org.jspecify.annotations.NullMarked;
