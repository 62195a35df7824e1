/** Team endpoints. */
@NullMarked
package dev.tenantcore.core.teams.web;

import org.jspecify.annotations.NullMarked;
