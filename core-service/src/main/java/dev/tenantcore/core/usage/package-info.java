/** Usage analytics read from the analytics schema. */
@NullMarked
package dev.tenantcore.core.usage;

import org.jspecify.annotations.NullMarked;
