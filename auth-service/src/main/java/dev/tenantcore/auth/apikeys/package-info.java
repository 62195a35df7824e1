/** Organization API keys. */
@NullMarked
package dev.tenantcore.auth.apikeys;

import org.jspecify.annotations.NullMarked;
