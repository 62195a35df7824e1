/** Job status for members of an organization and the re-drive command for operators. */
@NullMarked
package dev.tenantcore.worker.jobs.web;

import org.jspecify.annotations.NullMarked;
