/** Requesting and downloading reports and exports. */
@NullMarked
package dev.tenantcore.worker.reports.web;

import org.jspecify.annotations.NullMarked;
