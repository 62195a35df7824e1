package dev.tenantcore.support.errors;

import io.sentry.SentryOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Sentry error reporting: Sentry's own auto-configuration starts only when {@code sentry.dsn} (env
 * {@code SENTRY_DSN}) is set; then every event passes through {@link SentryScrubber} before it is sent.
 */
@AutoConfiguration(beforeName = "io.sentry.spring.boot4.SentryAutoConfiguration")
@ConditionalOnClass(SentryOptions.class)
@ConditionalOnProperty(name = "sentry.dsn")
public class ErrorReporting {

    @Bean
    SentryScrubber sentryScrubber() {
        return new SentryScrubber();
    }
}
