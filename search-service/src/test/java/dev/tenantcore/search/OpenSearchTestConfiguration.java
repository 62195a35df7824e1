package dev.tenantcore.search;

import dev.tenantcore.engines.test.SharedEngines;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points search-service at the test JVM's shared OpenSearch node. */
@TestConfiguration(proxyBeanMethods = false)
public class OpenSearchTestConfiguration {

    @Bean
    DynamicPropertyRegistrar openSearchProperties() {
        return registry -> registry.add("tenantcore.search.opensearch-url", SharedEngines::openSearch);
    }
}
