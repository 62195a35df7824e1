/** The OpenSearch client and its health. */
@NullMarked
package dev.tenantcore.search.opensearch;

import org.jspecify.annotations.NullMarked;
