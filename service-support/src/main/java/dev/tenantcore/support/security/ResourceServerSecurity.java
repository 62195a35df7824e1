package dev.tenantcore.support.security;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless resource-server security: every request needs a valid access token except health probes,
 * the Prometheus scrape endpoint, the OpenAPI document and the service's configured public paths; on the
 * service's {@code api-key-paths} a gateway-asserted API key ({@link ApiKeyCaller}) is accepted as well.
 * Failures answer with the envelope. {@code /actuator/prometheus} is open on the service port like the
 * probes: Prometheus has no user token; the gateway never routes {@code /actuator/**} and the
 * NetworkPolicies admit only a service's callers and the {@code monitoring} namespace. Metrics carry no
 * personal data (URI tags are templates, not paths).
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerSecurity {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();
    private static final BearerTokenResolver BEARER_TOKENS = new DefaultBearerTokenResolver();

    /**
     * Internal endpoints: only callers holding the service credential, never a user token. Its own chain
     * so that a user's JWT cannot reach them.
     */
    @Bean
    @Order(1)
    SecurityFilterChain internalSecurity(HttpSecurity http, SecurityProperties properties, ErrorResponses errors)
            throws Exception {
        var credential = new ServiceCredential(properties.internalToken());
        return http.securityMatcher("/internal/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new InternalTokenFilter(credential, errors), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize.anyRequest().hasRole("SERVICE"))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) ->
                                errors.write(response, ErrorCode.UNAUTHORIZED, "A service credential is required"))
                        .accessDeniedHandler((request, response, ex) ->
                                errors.write(response, ErrorCode.FORBIDDEN, "You are not allowed to do this")))
                .build();
    }

    /**
     * Users with an access token everywhere; API-key callers ({@link ApiKeyCaller}, asserted by the gateway)
     * only on {@link SecurityProperties#apiKeyPaths()}, and 403 elsewhere, so an endpoint that assumes a user
     * never meets a key.
     */
    @Bean
    @Order(2)
    @ConditionalOnMissingBean(name = "apiSecurity")
    SecurityFilterChain apiSecurity(
            HttpSecurity http, SecurityProperties properties, ErrorResponses errors, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized =
                (request, response, e) -> errors.write(response, ErrorCode.UNAUTHORIZED, "Authentication is required");
        AccessDeniedHandler forbidden = (request, response, e) -> errors.write(
                response,
                ErrorCode.FORBIDDEN,
                ApiKeyCaller.current().isPresent()
                        ? "An API key cannot be used here"
                        : "You are not allowed to do this");
        var apiKeys = new ApiKeyAuthenticationFilter(new ServiceCredential(properties.internalToken()), json, errors);
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(apiKeys, BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> {
                    authorize
                            .requestMatchers(
                                    "/actuator/health/**",
                                    "/actuator/info",
                                    "/actuator/prometheus",
                                    "/v3/api-docs/**",
                                    "/error")
                            .permitAll()
                            .requestMatchers(properties.publicPaths().toArray(String[]::new))
                            .permitAll();
                    if (!properties.apiKeyPaths().isEmpty()) {
                        authorize
                                .requestMatchers(properties.apiKeyPaths().toArray(String[]::new))
                                .authenticated();
                    }
                    authorize.anyRequest().access(ResourceServerSecurity::userOnly);
                })
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> {})
                        .bearerTokenResolver(ResourceServerSecurity::accessToken)
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    private static AuthorizationDecision userOnly(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext request) {
        var caller = authentication.get();
        return new AuthorizationDecision(TRUST.isAuthenticated(caller) && !(caller instanceof ApiKeyAuthentication));
    }

    /** The bearer token, unless it is an API key ({@code sk_...}): the gateway replaces those by an assertion. */
    private static @Nullable String accessToken(HttpServletRequest request) {
        var token = BEARER_TOKENS.resolve(request);
        return token == null || token.startsWith(ApiKeyAuthenticationFilter.API_KEY_PREFIX) ? null : token;
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        // Asymmetric algorithms only: an HS256 token "signed" with a public key must never verify.
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
        var validator = validator(properties);
        decoder.setJwtValidator(validator);
        return new RememberedJwtDecoder(decoder, validator, Duration.ofSeconds(60));
    }

    /** Expiry, not-before (with the default small clock skew), issuer and audience. */
    public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<java.util.List<String>>(
                        "aud", aud -> aud != null && aud.contains(properties.audience())));
    }
}
