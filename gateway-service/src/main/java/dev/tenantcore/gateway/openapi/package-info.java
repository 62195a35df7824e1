/** One OpenAPI document for the whole public API, merged from the services' own documents. */
@NullMarked
package dev.tenantcore.gateway.openapi;

import org.jspecify.annotations.NullMarked;
