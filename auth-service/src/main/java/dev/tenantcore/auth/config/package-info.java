/** Configuration of auth-service. */
@NullMarked
package dev.tenantcore.auth.config;

import org.jspecify.annotations.NullMarked;
