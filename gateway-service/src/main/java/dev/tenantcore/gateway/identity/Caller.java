package dev.tenantcore.gateway.identity;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/** Who sent a request, as the edge established it. Read by the rate limits and the response headers. */
public sealed interface Caller {

    /** A stable key for per-caller limits: never a secret, never shared between two callers. */
    String principal();

    /** The organization the credential is bound to, when it is bound to one (API keys are). */
    default Optional<String> orgId() {
        return Optional.empty();
    }

    default boolean authenticated() {
        return true;
    }

    /** The caller of this exchange, once the authentication filter has run. */
    static Optional<Caller> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(Caller.class.getName()));
    }

    static void remember(ServerWebExchange exchange, Caller caller) {
        exchange.getAttributes().put(Caller.class.getName(), caller);
    }

    /** A user with a verified access token. */
    record User(String subject, String issuer, @Nullable String sessionId) implements Caller {
        @Override
        public String principal() {
            return "user:" + issuer + ":" + subject;
        }
    }

    /** A program with a verified API key, acting only for its organization and with its scopes. */
    record ApiKey(String keyId, String org, List<Permission> scopes) implements Caller {
        @Override
        public String principal() {
            return "key:" + keyId;
        }

        @Override
        public Optional<String> orgId() {
            return Optional.of(org);
        }
    }

    /** No credential (a public path), known only by its address. */
    record Anonymous(String clientIp) implements Caller {
        @Override
        public String principal() {
            return "ip:" + clientIp;
        }

        @Override
        public boolean authenticated() {
            return false;
        }
    }
}
