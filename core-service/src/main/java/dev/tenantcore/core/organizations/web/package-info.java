/** Organization endpoints. */
@NullMarked
package dev.tenantcore.core.organizations.web;

import org.jspecify.annotations.NullMarked;
