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
        var login = login(environment, "spring.datasource.username", "spring.datasource.password");
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return login.user();
            }

            @Override
            public String getPassword() {
                return login.password();
            }

            @Override
            public String getJdbcUrl() {
                return login.url();
            }
        };
    }

    @Bean
    FlywayConnectionDetails flywayConnectionDetails(Environment environment) {
        var login = login(environment, "spring.flyway.user", "spring.flyway.password");
        return new FlywayConnectionDetails() {
            @Override
            public String getUsername() {
                return login.user();
            }

            @Override
            public String getPassword() {
                return login.password();
            }

            @Override
            public String getJdbcUrl() {
                return login.url();
            }
        };
    }

    private static Login login(Environment environment, String userProperty, String passwordProperty) {
        String user = environment.getRequiredProperty(userProperty);
        return new Login(
                SharedEngines.postgres().jdbcUrl() + parameters(environment),
                user,
                environment.getProperty(passwordProperty, user));
    }

    private record Login(String url, String user, String password) {}
}
