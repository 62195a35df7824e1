@NullMarked
package dev.tenantcore.support.web;

import org.jspecify.annotations.NullMarked;
