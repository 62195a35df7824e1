package dev.tenantcore.worker.maintenance;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Schedules with a distributed lock: each task takes its row in {@code worker.shedlock} (database time, so
 * replicas' clocks do not matter), so one replica runs it per period. Off with
 * {@code tenantcore.worker.scheduling.enabled=false} (the {@code migrate} profile).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
@ConditionalOnProperty(name = "tenantcore.worker.scheduling.enabled", matchIfMissing = true)
class Scheduling {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return lockProvider(dataSource, "worker");
    }

    static LockProvider lockProvider(DataSource dataSource, String schema) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName(schema + ".shedlock")
                .usingDbTime()
                .build());
    }
}
