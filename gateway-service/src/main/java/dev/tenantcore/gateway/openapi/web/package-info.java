/** {@code GET /api/v1/openapi.json} and the API browser at {@code /docs}. */
@NullMarked
package dev.tenantcore.gateway.openapi.web;

import org.jspecify.annotations.NullMarked;
