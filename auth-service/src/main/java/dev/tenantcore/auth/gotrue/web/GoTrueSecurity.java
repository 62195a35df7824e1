package dev.tenantcore.auth.gotrue.web;

import dev.tenantcore.support.security.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.util.AntPathMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security chain of {@code /auth/v1/**}, ahead of the shared user chain: the same token verification, but
 * GoTrue-shaped failures (401 {@code no_authorization} without a token, 403 {@code bad_jwt} for a bad one, 403
 * {@code session_not_found} for an ended session). On public paths a bearer token is ignored, because supabase-js
 * sends its anon key as {@code Authorization} there.
 */
@Configuration(proxyBeanMethods = false)
class GoTrueSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain goTrueFilterChain(HttpSecurity http, SecurityProperties properties, JsonMapper json)
            throws Exception {
        List<String> publicPaths = properties.publicPaths().stream()
                .filter(path -> path.startsWith("/auth/v1/"))
                .toList();
        AuthenticationEntryPoint unauthorized =
                (request, response, e) -> error(request, e).write(response, json);
        AccessDeniedHandler forbidden = (request, response, e) ->
                new GoTrueError(403, "insufficient_aal", "You are not allowed to do this").write(response, json);
        return http.securityMatcher("/auth/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(publicPaths.toArray(String[]::new))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> {})
                        .bearerTokenResolver(resolver(publicPaths))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    private static GoTrueError error(HttpServletRequest request, AuthenticationException e) {
        if (request.getHeader("Authorization") == null) {
            return new GoTrueError(401, "no_authorization", "This endpoint requires a Bearer token");
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("The session has ended")) {
            return new GoTrueError(403, "session_not_found", "Session from session_id claim in JWT does not exist");
        }
        return new GoTrueError(403, "bad_jwt", "invalid JWT: unable to parse or verify signature, token is expired");
    }

    private static BearerTokenResolver resolver(List<String> publicPaths) {
        var matcher = new AntPathMatcher();
        var delegate = new DefaultBearerTokenResolver();
        return request -> {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            return publicPaths.stream().anyMatch(pattern -> matcher.match(pattern, path))
                    ? null
                    : delegate.resolve(request);
        };
    }
}
