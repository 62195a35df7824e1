/** The internal cache-warming endpoint. */
@NullMarked
package dev.tenantcore.core.warming.web;

import org.jspecify.annotations.NullMarked;
