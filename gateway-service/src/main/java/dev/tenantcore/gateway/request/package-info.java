/** What happens to every request before it is routed: a request id, path and identity-header hygiene, a body size limit. */
@NullMarked
package dev.tenantcore.gateway.request;

import org.jspecify.annotations.NullMarked;
