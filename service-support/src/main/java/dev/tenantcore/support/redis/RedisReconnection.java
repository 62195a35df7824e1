package dev.tenantcore.support.redis;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Reconnects to Redis within two seconds of its return. Lettuce's default back-off doubles up to 30 s, so after an
 * outage of half a minute a service could go on failing for up to 30 s more while Redis already answers; here the
 * delay between attempts doubles from 50 ms and stops growing at 2 s.
 */
@AutoConfiguration
@ConditionalOnClass({Delay.class, ClientResourcesBuilderCustomizer.class})
public class RedisReconnection {

    /** The longest wait between two reconnection attempts. */
    public static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    @Bean
    ClientResourcesBuilderCustomizer redisReconnectDelay() {
        return builder -> builder.reconnectDelay(reconnectDelay());
    }

    /** 50 ms, 100 ms, 200 ms … capped at {@link #MAX_RECONNECT_DELAY}. */
    public static Delay reconnectDelay() {
        return Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS);
    }
}
