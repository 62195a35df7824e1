/** Project endpoints (v1 paged, v2 cursor). */
@NullMarked
package dev.tenantcore.core.projects.web;

import org.jspecify.annotations.NullMarked;
