/** The catalog's internal listings, reached with the service credential only. */
@NullMarked
package dev.tenantcore.core.catalog.web;

import org.jspecify.annotations.NullMarked;
