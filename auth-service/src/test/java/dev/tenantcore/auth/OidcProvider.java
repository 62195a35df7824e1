package dev.tenantcore.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID provider in this test JVM: Spring Authorization Server on a random port, with form login,
 * authorization code + PKCE (required), discovery, JWKS and signed ID tokens. Users sign in with any name and
 * {@link #PASSWORD}; their e-mail claims are set per user. A test can tamper with the next ID token.
 */
public final class OidcProvider {

    public static final String CLIENT_ID = "auth-service";
    public static final String CLIENT_SECRET = "provider-secret";
    public static final String PASSWORD = "provider-password";

    private static final Map<String, Map<String, Object>> CLAIMS = new ConcurrentHashMap<>();
    private static final Set<String> REDIRECT_URIS = ConcurrentHashMap.newKeySet();
    private static final Set<String> EMAIL_ONLY_IN_USER_INFO = ConcurrentHashMap.newKeySet();
    private static final AtomicReference<Consumer<JwtClaimsSet.Builder>> NEXT_ID_TOKEN = new AtomicReference<>();
    private static final ConfigurableApplicationContext SERVER = start();
    private static final HttpServer GITHUB_API = gitHubApi();

    private OidcProvider() {}

    public static String issuer() {
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) SERVER).getWebServer().getPort();
    }

    /** A user of the provider with the e-mail it vouches for (or not); returns the user name (its subject). */
    public static String user(String email, boolean emailVerified) {
        String name = "user-" + UUID.randomUUID();
        CLAIMS.put(name, Map.of("email", email, "email_verified", emailVerified, "name", "Provider User"));
        return name;
    }

    /** A user whose ID tokens carry no e-mail: only the UserInfo endpoint tells it (as some providers do). */
    public static String userWithEmailOnlyInUserInfo(String email) {
        String name = user(email, true);
        EMAIL_ONLY_IN_USER_INFO.add(name);
        return name;
    }

    /** Accepts this callback URL of the service under test (its port is random). */
    public static void allowRedirect(String uri) {
        REDIRECT_URIS.add(uri);
    }

    /** Changes the claims of the next ID token the provider issues (a forged nonce, another audience). */
    public static void tamperWithNextIdToken(Consumer<JwtClaimsSet.Builder> change) {
        NEXT_ID_TOKEN.set(change);
    }

    /** A port nothing listens on: a provider that is down. */
    public static int deadPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points auth-service's providers at this server (and at one that is down). */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String dead = "http://127.0.0.1:" + deadPort();
            String p = "tenantcore.auth.oauth.providers.";
            TestPropertyValues.of(
                            p + "test-oidc.issuer=" + issuer(),
                            p + "test-oidc.client-id=" + CLIENT_ID,
                            p + "test-oidc.client-secret=" + CLIENT_SECRET,
                            p + "test-oidc.store-tokens=true",
                            // GitHub's flow (plain OAuth2, then its user API) with this server's endpoints.
                            p + "github-like.type=github",
                            p + "github-like.authorization-uri=" + issuer() + "/oauth2/authorize",
                            p + "github-like.token-uri=" + issuer() + "/oauth2/token",
                            p + "github-like.user-info-uri=http://127.0.0.1:"
                                    + GITHUB_API.getAddress().getPort(),
                            p + "github-like.scopes=profile",
                            p + "github-like.client-id=" + CLIENT_ID,
                            p + "github-like.client-secret=" + CLIENT_SECRET,
                            p + "offline.issuer=" + dead,
                            p + "offline.authorization-uri=" + dead + "/oauth2/authorize",
                            p + "offline.token-uri=" + dead + "/oauth2/token",
                            p + "offline.jwk-set-uri=" + dead + "/oauth2/jwks",
                            p + "offline.client-id=" + CLIENT_ID,
                            p + "offline.client-secret=" + CLIENT_SECRET,
                            p + "offline-discovery.issuer=" + dead,
                            p + "offline-discovery.client-id=" + CLIENT_ID,
                            p + "offline-discovery.client-secret=" + CLIENT_SECRET,
                            "tenantcore.auth.oauth.redirect-allow-list[0]=https://app.example.test/auth/**",
                            "tenantcore.auth.oauth.timeout=2s")
                    .applyTo(context);
        }
    }

    /**
     * GitHub's user API ({@code GET /user}, {@code GET /user/emails}) for this server's users: the bearer token must
     * be an access token this server issued (checked against its JWKS).
     */
    private static HttpServer gitHubApi() {
        try {
            var decoder =
                    NimbusJwtDecoder.withJwkSetUri(issuer() + "/oauth2/jwks").build();
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/user", exchange -> {
                String header = exchange.getRequestHeaders().getFirst("Authorization");
                String name;
                try {
                    name = decoder.decode(header.substring("Bearer ".length())).getSubject();
                } catch (RuntimeException e) {
                    exchange.sendResponseHeaders(401, -1);
                    exchange.close();
                    return;
                }
                Map<String, Object> claims = CLAIMS.getOrDefault(name, Map.of());
                Object body = exchange.getRequestURI().getPath().endsWith("/emails")
                        ? List.of(
                                Map.of("email", "old-" + claims.get("email"), "primary", false, "verified", true),
                                Map.of(
                                        "email",
                                        claims.get("email"),
                                        "primary",
                                        true,
                                        "verified",
                                        claims.get("email_verified")))
                        : Map.of("id", Math.abs(name.hashCode()), "login", name, "name", "GitHub User");
                byte[] bytes = Api.JSON.writeValueAsBytes(body);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigurableApplicationContext start() {
        // Its own small application: no configuration files of the service, and the service's logging left alone.
        String logging = System.getProperty("org.springframework.boot.logging.LoggingSystem");
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try {
            return new SpringApplicationBuilder(Server.class)
                    .web(WebApplicationType.SERVLET)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .run(
                            "--spring.config.name=oidc-provider",
                            "--server.port=0",
                            "--server.address=127.0.0.1",
                            // Tomcat runs filters only for a request mapped to a servlet.
                            "--server.servlet.register-default-servlet=true",
                            "--spring.main.banner-mode=off");
        } finally {
            if (logging == null) {
                System.clearProperty("org.springframework.boot.logging.LoggingSystem");
            } else {
                System.setProperty("org.springframework.boot.logging.LoggingSystem", logging);
            }
        }
    }

    // Neither @Configuration nor @SpringBootConfiguration: the service's own component scan and @SpringBootTest
    // must not find it; as the primary source of its application it is a configuration all the same.
    @ImportAutoConfiguration(TomcatServletWebServerAutoConfiguration.class)
    @EnableWebSecurity
    static class Server {

        @Bean
        DelegatingFilterProxyRegistrationBean securityFilter() {
            return new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
        }

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        // UserInfo answers the user's claims (the default repeats the ID token's).
                        server.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(context -> {
                            String name = context.getAuthorization().getPrincipalName();
                            Map<String, Object> claims = new java.util.HashMap<>(CLAIMS.getOrDefault(name, Map.of()));
                            claims.put("sub", name);
                            return new org.springframework.security.oauth2.core.oidc.OidcUserInfo(claims);
                        })));
                    })
                    .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                    .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(
                            authorize -> authorize.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return name -> User.withUsername(name)
                    .password("{noop}" + PASSWORD)
                    .roles("USER")
                    .build();
        }

        @Bean
        RegisteredClientRepository clients() {
            return new RegisteredClientRepository() {
                @Override
                public void save(RegisteredClient client) {
                    // The server re-saves a client to upgrade its secret's encoding; the client is fixed here.
                }

                @Override
                public RegisteredClient findById(String id) {
                    return CLIENT_ID.equals(id) ? client() : null;
                }

                @Override
                public RegisteredClient findByClientId(String clientId) {
                    return CLIENT_ID.equals(clientId) ? client() : null;
                }
            };
        }

        private static RegisteredClient client() {
            return RegisteredClient.withId(CLIENT_ID)
                    .clientId(CLIENT_ID)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUris(uris -> uris.addAll(REDIRECT_URIS.isEmpty() ? Set.of("http://none") : REDIRECT_URIS))
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.EMAIL)
                    .scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder()
                            .requireProofKey(true)
                            .requireAuthorizationConsent(false)
                            .build())
                    .build();
        }

        @Bean
        JWKSource<SecurityContext> keys() throws Exception {
            RSAKey key = new RSAKeyGenerator(2048).keyID("provider-key").generate();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** The provider's UserInfo endpoint verifies its own access tokens. */
        @Bean
        JwtDecoder accessTokens(JWKSource<SecurityContext> keys) {
            return NimbusJwtDecoder.withJwkSource(keys).build();
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims() {
            return context -> {
                if (!"id_token".equals(context.getTokenType().getValue())) {
                    return;
                }
                String name = context.getPrincipal().getName();
                var claims = CLAIMS.getOrDefault(name, Map.of());
                context.getClaims().claims(all -> all.putAll(claims));
                if (EMAIL_ONLY_IN_USER_INFO.contains(name)) {
                    context.getClaims().claims(all -> {
                        all.remove("email");
                        all.remove("email_verified");
                    });
                }
                var change = NEXT_ID_TOKEN.getAndSet(null);
                if (change != null) {
                    change.accept(context.getClaims());
                }
            };
        }
    }
}
