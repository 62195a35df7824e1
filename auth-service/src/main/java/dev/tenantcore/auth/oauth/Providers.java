package dev.tenantcore.auth.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.tenantcore.auth.config.AuthProperties;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The configured providers with their endpoints: from the properties, else from the OpenID discovery document
 * (fetched at first use and kept; a failed fetch is retried at the next sign-in and answers 503 meanwhile).
 */
@Component
class Providers {

    enum Kind {
        OIDC,
        GITHUB
    }

    /** A provider ready for use. {@code idTokens} validates signature (provider JWKS), issuer, audience, expiry. */
    record Provider(
            String name,
            Kind kind,
            AuthProperties.Provider settings,
            URI authorizationUri,
            URI tokenUri,
            @Nullable URI userInfoUri,
            List<String> scopes,
            @Nullable IDTokenValidator idTokens) {}

    private static final Set<JWSAlgorithm> ID_TOKEN_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS512);
    private static final URI GOOGLE = URI.create("https://accounts.google.com");

    private static final Logger log = LoggerFactory.getLogger(Providers.class);

    private final AuthProperties properties;
    private final Map<String, Provider> resolved = new ConcurrentHashMap<>();

    Providers(AuthProperties properties) {
        this.properties = properties;
    }

    boolean exists(String name) {
        return properties.oauth().providers().containsKey(name);
    }

    Provider get(String name) {
        AuthProperties.Provider settings = properties.oauth().providers().get(name);
        if (settings == null) {
            throw OAuthProblems.unknownProvider();
        }
        Provider provider = resolved.get(name);
        if (provider == null) {
            provider = resolve(name, settings);
            resolved.put(name, provider);
        }
        return provider;
    }

    int timeoutMillis() {
        return (int) properties.oauth().timeout().toMillis();
    }

    private Provider resolve(String name, AuthProperties.Provider settings) {
        Kind kind = settings.type() != null
                ? Kind.valueOf(settings.type().toUpperCase(java.util.Locale.ROOT))
                : "github".equals(name) ? Kind.GITHUB : Kind.OIDC;
        return kind == Kind.GITHUB ? github(name, settings) : oidc(name, settings);
    }

    private static Provider github(String name, AuthProperties.Provider s) {
        return new Provider(
                name,
                Kind.GITHUB,
                s,
                or(s.authorizationUri(), "https://github.com/login/oauth/authorize"),
                or(s.tokenUri(), "https://github.com/login/oauth/access_token"),
                or(s.userInfoUri(), "https://api.github.com"),
                s.scopes() == null ? List.of("read:user", "user:email") : s.scopes(),
                null);
    }

    private Provider oidc(String name, AuthProperties.Provider s) {
        URI issuer = s.issuer() != null ? s.issuer() : "google".equals(name) ? GOOGLE : null;
        if (issuer == null) {
            throw new IllegalStateException("OpenID provider " + name + " needs an issuer");
        }
        URI authorization = s.authorizationUri();
        URI token = s.tokenUri();
        URI jwks = s.jwkSetUri();
        URI userInfo = s.userInfoUri();
        if (authorization == null || token == null || jwks == null) {
            OIDCProviderMetadata metadata = discover(issuer);
            authorization = authorization != null ? authorization : metadata.getAuthorizationEndpointURI();
            token = token != null ? token : metadata.getTokenEndpointURI();
            jwks = jwks != null ? jwks : metadata.getJWKSetURI();
            userInfo = userInfo != null ? userInfo : metadata.getUserInfoEndpointURI();
        }
        return new Provider(
                name,
                Kind.OIDC,
                s,
                authorization,
                token,
                userInfo,
                s.scopes() == null ? List.of("openid", "email", "profile") : s.scopes(),
                validator(issuer, s.clientId(), jwks));
    }

    private OIDCProviderMetadata discover(URI issuer) {
        try {
            return OIDCProviderMetadata.resolve(new Issuer(issuer), timeoutMillis(), timeoutMillis());
        } catch (IOException | GeneralException e) {
            // Unreachable, or a document that does not belong to the issuer: either way no sign-in now.
            log.warn("OpenID discovery of {} failed: {}", issuer, e.toString());
            throw OAuthProblems.providerUnavailable();
        }
    }

    private IDTokenValidator validator(URI issuer, String clientId, URI jwks) {
        try {
            var retriever = new DefaultResourceRetriever(timeoutMillis(), timeoutMillis(), 512 * 1024);
            var keys = JWKSourceBuilder.<SecurityContext>create(jwks.toURL(), retriever)
                    .build();
            var validator = new IDTokenValidator(
                    new Issuer(issuer),
                    new ClientID(clientId),
                    new JWSVerificationKeySelector<>(ID_TOKEN_ALGORITHMS, keys),
                    null);
            validator.setMaxClockSkew(60);
            return validator;
        } catch (MalformedURLException e) {
            throw new IllegalStateException("the JWKS URL of " + issuer + " is not a URL", e);
        }
    }

    private static URI or(@Nullable URI configured, String fallback) {
        return configured != null ? configured : URI.create(fallback);
    }
}
