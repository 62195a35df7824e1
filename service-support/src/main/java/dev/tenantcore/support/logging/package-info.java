@NullMarked
package dev.tenantcore.support.logging;

import org.jspecify.annotations.NullMarked;
