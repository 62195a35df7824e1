/** Custom roles and the internal decision API. */
@NullMarked
package dev.tenantcore.core.authorization.web;

import org.jspecify.annotations.NullMarked;
