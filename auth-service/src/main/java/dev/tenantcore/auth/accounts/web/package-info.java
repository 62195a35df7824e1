/** HTTP endpoints of accounts. */
@NullMarked
package dev.tenantcore.auth.accounts.web;

import org.jspecify.annotations.NullMarked;
