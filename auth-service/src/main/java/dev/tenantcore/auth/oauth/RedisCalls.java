package dev.tenantcore.auth.oauth;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Redis calls of the sign-in flow: Redis down or too slow answers 503 ({@code unavailable}), never a 500 with the
 * driver's exception.
 */
final class RedisCalls {

    private static final Logger log = LoggerFactory.getLogger(RedisCalls.class);

    private RedisCalls() {}

    static <T> @Nullable T get(Supplier<@Nullable T> call) {
        try {
            return call.get();
        } catch (DataAccessException e) {
            log.warn("sign-in state store unavailable: {}", e.toString());
            throw OAuthProblems.stateStoreUnavailable();
        }
    }

    static void run(Runnable call) {
        get(() -> {
            call.run();
            return null;
        });
    }
}
