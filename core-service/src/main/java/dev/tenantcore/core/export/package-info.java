/** A whole org's data as NDJSON, for worker-service's data exports. */
@NullMarked
package dev.tenantcore.core.export;

import org.jspecify.annotations.NullMarked;
