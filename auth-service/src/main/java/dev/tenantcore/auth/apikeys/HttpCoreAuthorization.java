package dev.tenantcore.auth.apikeys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.support.security.SecurityProperties;
import dev.tenantcore.support.web.ApiException;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls {@code POST {core}/internal/authz/check} with the service credential. Fails closed: when core cannot
 * answer, the caller gets 503 {@code unavailable}, never an allowed decision.
 */
@Component
class HttpCoreAuthorization implements CoreAuthorization {

    private static final Logger log = LoggerFactory.getLogger(HttpCoreAuthorization.class);

    private final RestClient client;

    HttpCoreAuthorization(AuthProperties properties, SecurityProperties security) {
        var http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.core().timeout())
                .build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.core().timeout());
        this.client = RestClient.builder()
                .baseUrl(properties.core().baseUrl().toString())
                .requestFactory(factory)
                .defaultHeader(HeaderNames.INTERNAL_TOKEN, security.internalToken())
                .build();
    }

    record Check(UUID userId, UUID orgId, String action, String resource, Map<String, Object> attributes) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Decision(@Nullable Data data) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        record Data(boolean allowed) {}
    }

    @Override
    public boolean isAllowed(UUID userId, UUID orgId, String action, String resource, Map<String, Object> attributes) {
        try {
            Decision decision = client.post()
                    .uri("/internal/authz/check")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new Check(userId, orgId, action, resource, attributes))
                    .retrieve()
                    .body(Decision.class);
            return decision != null
                    && decision.data() != null
                    && decision.data().allowed();
        } catch (RestClientException e) {
            log.warn("core authorization check failed: {}", e.getMessage());
            throw new ApiException(ErrorCode.UNAVAILABLE, "Authorization is temporarily unavailable");
        }
    }
}
