/** core-service: tenancy and business data, and the source of truth for authorization. */
@NullMarked
package dev.tenantcore.core;

import org.jspecify.annotations.NullMarked;
