/** core-service's internal API as search-service uses it: grants and listings for reindexing. */
@NullMarked
package dev.tenantcore.search.coreapi;

import org.jspecify.annotations.NullMarked;
