/** Members of an organization and their org roles. */
@NullMarked
package dev.tenantcore.core.members;

import org.jspecify.annotations.NullMarked;
