@NullMarked
package dev.tenantcore.support.errors;

import org.jspecify.annotations.NullMarked;
