package dev.tenantcore.worker;

import dev.tenantcore.engines.test.KafkaTestConfiguration;
import dev.tenantcore.engines.test.MailTestConfiguration;
import dev.tenantcore.engines.test.PostgresTestConfiguration;
import dev.tenantcore.support.testing.TestTokens;
import dev.tenantcore.worker.reports.OrgRoutedReportStore;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full worker-service on the shared real engines of this test JVM. Every test class with this
 * annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// Schedules do not fire by themselves: tests run each task when they mean to (a run in the middle of a test
// would hold the task's lock for a minute).
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tenantcore.worker.scheduling.purge-cron=-",
            "tenantcore.worker.scheduling.analytics-cron=-",
            "tenantcore.worker.scheduling.auth-purge-cron=-",
            "tenantcore.worker.scheduling.auth-publications-cron=-",
            "tenantcore.worker.scheduling.invitations-cron=-",
            "tenantcore.worker.scheduling.deleted-organizations-cron=-",
            "tenantcore.worker.scheduling.audit-partitions-cron=-",
            "tenantcore.worker.scheduling.core-publications-cron=-",
            "tenantcore.worker.scheduling.cache-warm-cron=-"
        })
@Import({
    PostgresTestConfiguration.class,
    KafkaTestConfiguration.class,
    MailTestConfiguration.class,
    TestTokens.Config.class,
    CoreStub.Config.class,
    S3Server.Config.class,
    OrgRoutedReportStore.Config.class
})
public @interface WorkerServiceTest {}
