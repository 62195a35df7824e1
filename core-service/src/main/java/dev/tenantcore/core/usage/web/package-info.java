/** Usage endpoint. */
@NullMarked
package dev.tenantcore.core.usage.web;

import org.jspecify.annotations.NullMarked;
