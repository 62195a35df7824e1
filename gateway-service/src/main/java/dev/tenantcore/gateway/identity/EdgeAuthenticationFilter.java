package dev.tenantcore.gateway.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tenantcore.contracts.security.ClaimNames;
import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.gateway.DownstreamServices;
import dev.tenantcore.gateway.request.FilterOrder;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requires a valid credential on every path that is not public: an access token ({@code Authorization:
 * Bearer <jwt>}) or an API key ({@code Authorization: Bearer sk_...} or {@code X-API-Key}). A token is
 * forwarded as it came, since the services verify it again; an API key is replaced by the verified identity
 * in {@code X-Authenticated-Api-Key} ({@code {"keyId","orgId","scopes":[{"action","resource"}]}}) together
 * with the service credential {@code X-Internal-Token}, which is how a service knows the gateway asserted
 * it. The secret goes no further than the gateway; client-sent copies of both headers were removed before
 * this filter runs ({@code AssertedHeadersFilter}).
 */
@Component
class EdgeAuthenticationFilter implements WebFilter, Ordered {

    private static final String BEARER = "bearer ";
    private static final String API_KEY_PREFIX = "sk_";

    private final List<PathPattern> publicPaths;
    private final AccessTokens tokens;
    private final ApiKeys apiKeys;
    private final Revocations revocations;
    private final ObjectWriter assertion;
    private final String internalToken;

    EdgeAuthenticationFilter(
            IdentityProperties properties,
            DownstreamServices downstream,
            ReactiveStringRedisTemplate redis,
            RevocationMirror revocationMirror,
            JsonMapper json,
            MeterRegistry meters) {
        var parser = PathPatternParser.defaultInstance;
        this.publicPaths = properties.publicPaths().stream().map(parser::parse).toList();
        var http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                properties.authTimeout().toMillis());
        var client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(json)))
                .build();
        var clock = Clock.systemUTC();
        this.tokens = new AccessTokens(properties, client, clock);
        this.apiKeys =
                new ApiKeys(client, downstream.services().get("auth-service"), properties, redis, json, meters, clock);
        this.revocations = new Revocations(redis, revocationMirror);
        // Header values must stay ASCII whatever a scope's condition holds; JSON escapes control characters.
        this.assertion = json.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
        this.internalToken = properties.internalToken();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (isPublic(request.getPath().pathWithinApplication())) {
            Caller.remember(exchange, new Caller.Anonymous(ClientAddress.of(exchange)));
            return chain.filter(exchange);
        }
        var headers = request.getHeaders();
        var apiKey = apiKey(headers);
        if (apiKey != null) {
            return apiKeys.verify(apiKey)
                    .flatMap(key -> revocations
                            .requireApiKeyActive(key.keyId().toString())
                            .thenReturn(key))
                    .flatMap(key -> chain.filter(asApiKey(exchange, key)));
        }
        var token = bearer(headers);
        if (token == null) {
            return Mono.error(Unauthenticated.because("no credential"));
        }
        return tokens.verify(token).flatMap(claims -> {
            var sessionId = sessionId(claims);
            var caller = new Caller.User(claims.getSubject(), claims.getIssuer(), sessionId);
            var active = sessionId == null ? Mono.<Void>empty() : revocations.requireSessionActive(sessionId);
            return active.then(Mono.defer(() -> {
                Caller.remember(exchange, caller);
                return chain.filter(exchange);
            }));
        });
    }

    /** {@code sid} in auth-service's tokens, {@code session_id} in Supabase's. */
    private static @Nullable String sessionId(JWTClaimsSet claims) {
        var sid = claims.getClaim(ClaimNames.SESSION_ID);
        if (sid == null) {
            sid = claims.getClaim("session_id");
        }
        return sid instanceof String value ? value : null;
    }

    private ServerWebExchange asApiKey(ServerWebExchange exchange, ApiKeys.VerifiedKey key) {
        var caller = new Caller.ApiKey(key.keyId().toString(), key.orgId().toString(), key.grantedScopes());
        Caller.remember(exchange, caller);
        var asserted = new LinkedHashMap<String, Object>();
        asserted.put("keyId", key.keyId());
        asserted.put("orgId", key.orgId());
        asserted.put("scopes", key.grantedScopes());
        var value = assertion.writeValueAsString(asserted);
        var request = exchange.getRequest()
                .mutate()
                .headers(headers -> {
                    headers.remove(HttpHeaders.AUTHORIZATION);
                    headers.remove(HeaderNames.API_KEY);
                    headers.set(HeaderNames.AUTHENTICATED_API_KEY, value);
                    headers.set(HeaderNames.INTERNAL_TOKEN, internalToken);
                })
                .build();
        return exchange.mutate().request(request).build();
    }

    private boolean isPublic(PathContainer path) {
        for (var pattern : publicPaths) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String apiKey(HttpHeaders headers) {
        var header = headers.getFirst(HeaderNames.API_KEY);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        var token = bearer(headers);
        return token != null && token.startsWith(API_KEY_PREFIX) ? token : null;
    }

    private static @Nullable String bearer(HttpHeaders headers) {
        var authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        var token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    @Override
    public int getOrder() {
        return FilterOrder.AUTHENTICATION;
    }
}
