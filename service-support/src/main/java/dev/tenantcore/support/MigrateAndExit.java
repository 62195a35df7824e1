package dev.tenantcore.support;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

/**
 * The {@code migrate} profile: the service starts without its web server, Flyway migrates its schema as
 * the schema owner during start-up, and the process exits (0 on success). Used by {@code ./dev migrate}
 * and by deployment pipelines that migrate before rolling out (expand/contract).
 */
@AutoConfiguration
@Profile("migrate")
public class MigrateAndExit {

    @Bean
    ApplicationRunner exitAfterMigration(ConfigurableApplicationContext context) {
        return args -> System.exit(SpringApplication.exit(context, () -> 0));
    }
}
