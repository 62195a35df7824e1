package dev.tenantcore.worker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.worker.WorkerServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The worker refreshes core's analytics views through {@code analytics.refresh()}, once per period across
 * replicas. Core's own migration defines the real function and core's UsageTest shows {@code worker_app} may
 * run it; this database has only the worker's schema, so a stand-in with the same name and grant counts calls.
 */
@WorkerServiceTest
class AnalyticsRefreshTest {

    @Autowired
    Maintenance maintenance;

    @Autowired
    JdbcClient jdbc;

    @Test
    void refreshesTheViewsOncePerPeriod() throws Exception {
        try (var admin = SharedEngines.postgres().superuser();
                var statement = admin.createStatement()) {
            statement.execute("""
                    CREATE SCHEMA IF NOT EXISTS analytics;
                    CREATE TABLE IF NOT EXISTS analytics.refreshes (at timestamptz NOT NULL DEFAULT now());
                    CREATE OR REPLACE FUNCTION analytics.refresh() RETURNS void
                        LANGUAGE sql SECURITY DEFINER AS 'INSERT INTO analytics.refreshes DEFAULT VALUES';
                    REVOKE ALL ON FUNCTION analytics.refresh() FROM PUBLIC;
                    GRANT USAGE ON SCHEMA analytics TO worker_app;
                    GRANT EXECUTE ON FUNCTION analytics.refresh() TO worker_app;
                    TRUNCATE analytics.refreshes;
                    DELETE FROM worker.shedlock WHERE name = 'worker.refresh-analytics';
                    """);
        }

        maintenance.refreshAnalytics();
        // Within the lock's minimum hold (a period on another replica), the second run is skipped.
        maintenance.refreshAnalytics();

        try (var admin = SharedEngines.postgres().superuser();
                var statement = admin.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM analytics.refreshes")) {
            rows.next();
            assertThat(rows.getInt(1)).isOne();
        }
    }
}
