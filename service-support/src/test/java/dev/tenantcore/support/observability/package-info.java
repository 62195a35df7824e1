@NullMarked
package dev.tenantcore.support.observability;

import org.jspecify.annotations.NullMarked;
