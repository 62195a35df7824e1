/** Teams and their members. */
@NullMarked
package dev.tenantcore.core.teams;

import org.jspecify.annotations.NullMarked;
