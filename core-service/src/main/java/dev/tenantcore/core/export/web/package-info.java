/** The internal export endpoint. */
@NullMarked
package dev.tenantcore.core.export.web;

import org.jspecify.annotations.NullMarked;
