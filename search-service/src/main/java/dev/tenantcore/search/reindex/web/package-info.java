/** {@code POST /internal/reindex/{index}} and {@code POST /internal/consistency/{index}}, service callers only. */
@NullMarked
package dev.tenantcore.search.reindex.web;

import org.jspecify.annotations.NullMarked;
