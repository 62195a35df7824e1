/** The public health endpoint. */
@NullMarked
package dev.tenantcore.gateway.health.web;

import org.jspecify.annotations.NullMarked;
