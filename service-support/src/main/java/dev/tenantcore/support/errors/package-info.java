/** Error reporting to Sentry (only when a DSN is configured), with personal data and secrets removed. */
@NullMarked
package dev.tenantcore.support.errors;

import org.jspecify.annotations.NullMarked;
