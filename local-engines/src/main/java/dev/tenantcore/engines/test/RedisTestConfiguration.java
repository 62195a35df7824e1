package dev.tenantcore.engines.test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The shared Redis as connection details. */
@TestConfiguration(proxyBeanMethods = false)
public class RedisTestConfiguration {

    @Bean
    DataRedisConnectionDetails redisConnectionDetails() {
        var endpoint = SharedEngines.redis();
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of(endpoint.host(), endpoint.port());
            }
        };
    }
}
