/** {@code GET /api/v1/orgs/{orgId}/search}. */
@NullMarked
package dev.tenantcore.search.query.web;

import org.jspecify.annotations.NullMarked;
