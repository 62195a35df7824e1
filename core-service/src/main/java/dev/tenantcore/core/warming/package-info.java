/** Warming core's caches ahead of traffic: the most active organizations and their members' access. */
@NullMarked
package dev.tenantcore.core.warming;

import org.jspecify.annotations.NullMarked;
