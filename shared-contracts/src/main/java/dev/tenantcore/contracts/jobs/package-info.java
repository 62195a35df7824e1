@NullMarked
package dev.tenantcore.contracts.jobs;

import org.jspecify.annotations.NullMarked;
