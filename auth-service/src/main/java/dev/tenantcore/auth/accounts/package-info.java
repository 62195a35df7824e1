/** Accounts: sign-up, passwords, confirmation, recovery and e-mail change. */
@NullMarked
package dev.tenantcore.auth.accounts;

import org.jspecify.annotations.NullMarked;
