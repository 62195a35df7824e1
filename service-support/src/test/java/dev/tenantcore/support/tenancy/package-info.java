@NullMarked
package dev.tenantcore.support.tenancy;

import org.jspecify.annotations.NullMarked;
