@NullMarked
package dev.tenantcore.contracts.api;

import org.jspecify.annotations.NullMarked;
