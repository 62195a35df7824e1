package dev.tenantcore.engines;

/** A running engine that can be stopped. */
public interface Engine extends AutoCloseable {

    /** A short name for tables and logs, e.g. {@code postgres}. */
    String name();

    /** Where clients reach it, e.g. a JDBC URL or {@code host:port}. */
    String address();

    @Override
    void close();
}
