/** HTTP endpoints of signing keys. */
@NullMarked
package dev.tenantcore.auth.keys.web;

import org.jspecify.annotations.NullMarked;
