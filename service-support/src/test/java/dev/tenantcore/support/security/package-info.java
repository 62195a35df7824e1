@NullMarked
package dev.tenantcore.support.security;

import org.jspecify.annotations.NullMarked;
