package dev.tenantcore.engines.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points Spring Mail at the shared SMTP server, whose messages tests read through {@link SharedEngines#mail()}. */
@TestConfiguration(proxyBeanMethods = false)
public class MailTestConfiguration {

    @Bean
    DynamicPropertyRegistrar mailProperties() {
        return registry -> {
            var mail = SharedEngines.mail();
            registry.add("spring.mail.host", () -> "127.0.0.1");
            registry.add("spring.mail.port", mail::smtpPort);
        };
    }
}
