/** The tamper-evident audit log. */
@NullMarked
package dev.tenantcore.core.audit;

import org.jspecify.annotations.NullMarked;
