package dev.tenantcore.gateway;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reconnects to Redis within two seconds of its return, as the servlet services do: Lettuce's default back-off
 * doubles up to 30 s, and every authenticated request needs Redis (revocations, rate limits), so after a long
 * outage the gateway would answer 503 for up to 30 s more while Redis already answers.
 */
@Configuration(proxyBeanMethods = false)
class RedisReconnection {

    @Bean
    ClientResourcesBuilderCustomizer redisReconnectDelay() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }
}
