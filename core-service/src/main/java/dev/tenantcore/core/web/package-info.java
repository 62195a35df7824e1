/** HTTP helpers shared by the features' controllers: the caller, paging, sorting, ETags. */
@NullMarked
package dev.tenantcore.core.web;

import org.jspecify.annotations.NullMarked;
