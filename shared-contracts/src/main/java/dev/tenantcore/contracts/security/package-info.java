@NullMarked
package dev.tenantcore.contracts.security;

import org.jspecify.annotations.NullMarked;
