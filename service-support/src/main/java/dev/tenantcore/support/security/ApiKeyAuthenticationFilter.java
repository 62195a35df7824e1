package dev.tenantcore.support.security;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.support.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates an {@link ApiKeyCaller} from the gateway's {@code X-Authenticated-Api-Key}, trusted only
 * with the service credential in {@code X-Internal-Token}: the header alone, or with a wrong credential,
 * answers 401. A request with an access token ({@code Authorization: Bearer <jwt>}) is left to the JWT
 * authentication; a bearer {@code sk_...} is an API key and never a JWT.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_PREFIX = "sk_";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);
    private static final String BEARER = "bearer ";

    private final ServiceCredential credential;
    private final JsonMapper json;
    private final ErrorResponses errors;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(ServiceCredential credential, JsonMapper json, ErrorResponses errors) {
        this.credential = credential;
        this.json = json;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String asserted = request.getHeader(HeaderNames.AUTHENTICATED_API_KEY);
        if (asserted == null || carriesAccessToken(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            chain.doFilter(request, response);
            return;
        }
        if (!credential.matches(request.getHeader(HeaderNames.INTERNAL_TOKEN))) {
            log.atWarn().log("Refused an asserted API key without the service credential");
            errors.write(response, ErrorCode.UNAUTHORIZED, "Authentication is required");
            return;
        }
        ApiKeyCaller caller = read(asserted);
        if (caller == null) {
            errors.write(response, ErrorCode.UNAUTHORIZED, "Authentication is required");
            return;
        }
        var context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(caller));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    private @Nullable ApiKeyCaller read(String asserted) {
        try {
            return json.readValue(asserted, ApiKeyCaller.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException unreadable) {
            // The credential was right, so the gateway sent this: a contract mismatch, not an attack.
            log.atWarn()
                    .log(
                            "Refused an unreadable asserted API key: {}",
                            unreadable.getClass().getName());
            return null;
        }
    }

    static boolean carriesAccessToken(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        var token = authorization.substring(BEARER.length()).strip();
        return !token.isEmpty() && !token.startsWith(API_KEY_PREFIX);
    }
}
