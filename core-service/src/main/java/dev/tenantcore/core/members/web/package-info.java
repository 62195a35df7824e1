/** Member endpoints. */
@NullMarked
package dev.tenantcore.core.members.web;

import org.jspecify.annotations.NullMarked;
