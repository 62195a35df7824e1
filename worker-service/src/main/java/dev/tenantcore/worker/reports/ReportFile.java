package dev.tenantcore.worker.reports;

import java.io.InputStream;

/**
 * A stored report or export opened for download: its content is streamed, not held in memory.
 *
 * @param contentType its media type
 * @param filename the name it is downloaded as
 * @param size its length in bytes, -1 if the store does not say
 * @param content the bytes, to be read once and closed
 */
public record ReportFile(String contentType, String filename, long size, InputStream content) {}
