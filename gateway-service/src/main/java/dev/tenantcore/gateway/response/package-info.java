/** What every response carries: security headers, and CORS answers for the allowed origins only. */
@NullMarked
package dev.tenantcore.gateway.response;

import org.jspecify.annotations.NullMarked;
