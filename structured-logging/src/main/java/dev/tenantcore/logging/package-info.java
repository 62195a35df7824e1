/**
 * The log line every service writes, servlet services and the reactive gateway alike: one JSON object per
 * line in the LogEntry shape, selected with {@code logging.structured.format.console}.
 */
@NullMarked
package dev.tenantcore.logging;

import org.jspecify.annotations.NullMarked;
