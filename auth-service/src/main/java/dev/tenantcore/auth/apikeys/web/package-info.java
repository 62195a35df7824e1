/** HTTP endpoints of API keys. */
@NullMarked
package dev.tenantcore.auth.apikeys.web;

import org.jspecify.annotations.NullMarked;
