@NullMarked
package dev.tenantcore.contracts.events;

import org.jspecify.annotations.NullMarked;
