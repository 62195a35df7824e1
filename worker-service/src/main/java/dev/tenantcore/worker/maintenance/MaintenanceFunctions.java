package dev.tenantcore.worker.maintenance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Calls to the owning services' SECURITY DEFINER clean-up functions that take an instant and answer a count. */
final class MaintenanceFunctions {

    private MaintenanceFunctions() {}

    static long call(JdbcClient jdbc, String function, Instant at) {
        Long count = jdbc.sql("SELECT " + function + "(?)")
                .param(OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .query(Long.class)
                .single();
        return count == null ? 0 : count;
    }
}
