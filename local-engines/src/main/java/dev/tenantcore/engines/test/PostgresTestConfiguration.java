package dev.tenantcore.engines.test;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The shared PostgreSQL as connection details. Role names stay those of the service's own configuration
 * ({@code spring.datasource.username} for the application role, {@code spring.flyway.user} for the schema
 * owner), so tests connect exactly as the service does in production.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

    /** The connection parameters of the service's own URL (e.g. {@code ?currentSchema=core}). */
    private static String parameters(Environment environment) {
        String configured = environment.getProperty("spring.datasource.url", "");
        int query = configured.indexOf('?');
        return query < 0 ? "" : configured.substring(query);
    }

    @Bean
    JdbcConnectionDetails jdbcConnectionDetails(Environment environment) {
        String url = SharedEngines.postgres().jdbcUrl() + parameters(environment);
        String user = environment.getRequiredProperty("spring.datasource.username");
        String password = environment.getProperty("spring.datasource.password", user);
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return user;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    @Bean
    FlywayConnectionDetails flywayConnectionDetails(Environment environment) {
        String url = SharedEngines.postgres().jdbcUrl() + parameters(environment);
        String user = environment.getRequiredProperty("spring.flyway.user");
        String password = environment.getProperty("spring.flyway.password", user);
        return new FlywayConnectionDetails() {
            @Override
            public String getUsername() {
                return user;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }
}
