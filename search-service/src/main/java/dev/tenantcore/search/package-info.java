/** search-service: OpenSearch indices built from core events, searched with the caller's grants. */
@NullMarked
package dev.tenantcore.search;

import org.jspecify.annotations.NullMarked;
