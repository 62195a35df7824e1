package dev.tenantcore.worker.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.tenantcore.worker.config.WorkerProperties;
import dev.tenantcore.worker.tenancy.TenantTransactions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The report store is chosen by configuration, Postgres unless told otherwise. */
class ReportStoreSelectionTest {

    @EnableConfigurationProperties(WorkerProperties.class)
    static class Properties {}

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, PostgresReportStore.class, S3ReportStore.class)
            .withBean(JdbcClient.class, () -> mock(JdbcClient.class))
            .withBean(TenantTransactions.class, () -> mock(TenantTransactions.class));

    @Test
    void postgresIsTheDefault() {
        context.run(app -> assertThat(app.getBean(ReportStore.class)).isInstanceOf(PostgresReportStore.class));
    }

    @Test
    void s3IsChosenByConfiguration() {
        context.withPropertyValues(
                        "tenantcore.worker.reports.store=s3",
                        "tenantcore.worker.reports.s3.endpoint=http://127.0.0.1:9000",
                        "tenantcore.worker.reports.s3.access-key=a",
                        "tenantcore.worker.reports.s3.secret-key=b")
                .run(app -> assertThat(app.getBean(ReportStore.class)).isInstanceOf(S3ReportStore.class));
    }
}
