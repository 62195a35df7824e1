/** Projects and their members. */
@NullMarked
package dev.tenantcore.core.projects;

import org.jspecify.annotations.NullMarked;
