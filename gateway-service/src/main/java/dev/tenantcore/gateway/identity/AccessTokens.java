package dev.tenantcore.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.tenantcore.contracts.security.ClaimNames;
import dev.tenantcore.gateway.identity.IdentityProperties.TrustedIssuer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Verifies access tokens: the issuer must be trusted, the algorithm on that issuer's allow-list, the key
 * found by {@code kid} in the issuer's JWKS (or the issuer's secret), the signature valid, and {@code iss},
 * {@code aud}, {@code exp} and {@code nbf} right. Tokens that point at their own keys ({@code jku},
 * {@code jwk}, {@code x5u}, {@code x5c}) are refused outright: a key chosen by the token proves nothing.
 *
 * <p>A client sends the same access token with every request until it refreshes it, so a verified token is
 * remembered (the whole token is the key: another string never matches) for at most {@link #REMEMBERED}, and a
 * remembered token past its {@code exp} is verified again, which refuses it. Parsing and checking the signature
 * was a tenth of the gateway's CPU per request. Revocation is not remembered: it is checked for every request.
 */
final class AccessTokens {

    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);
    private static final Set<JWSAlgorithm> SYMMETRIC =
            Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    /** How long a verified token is remembered; a signing key withdrawn from a JWKS stops its tokens within it. */
    static final Duration REMEMBERED = Duration.ofSeconds(60);

    private final Map<String, Issuer> issuers = new HashMap<>();
    private final IdentityProperties properties;
    private final Clock clock;
    private final Cache<String, JWTClaimsSet> verified = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(REMEMBERED)
            .build();

    AccessTokens(IdentityProperties properties, WebClient client, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        properties.issuers().forEach((name, trusted) -> {
            var issuer = Issuer.of(name, trusted, client, properties, clock);
            if (issuers.put(trusted.issuer(), issuer) != null) {
                throw new IllegalStateException("Two trusted issuers share iss " + trusted.issuer());
            }
        });
    }

    /** The verified claims, or an {@link Unauthenticated} error. */
    Mono<JWTClaimsSet> verify(String token) {
        var remembered = verified.getIfPresent(token);
        if (remembered != null && unexpired(remembered)) {
            return Mono.just(remembered);
        }
        SignedJWT jwt;
        JWTClaimsSet unverified;
        try {
            // Rejects alg=none (not a JWS) and anything that is not three base64url parts.
            jwt = SignedJWT.parse(token);
            unverified = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Mono.error(Unauthenticated.because("malformed token"));
        }
        var header = jwt.getHeader();
        if (pointsAtItsOwnKey(header)) {
            return Mono.error(Unauthenticated.because("token names its own key"));
        }
        var issuer = unverified.getIssuer() == null ? null : issuers.get(unverified.getIssuer());
        if (issuer == null) {
            return Mono.error(Unauthenticated.because("untrusted issuer"));
        }
        if (!issuer.algorithms().contains(header.getAlgorithm())) {
            return Mono.error(Unauthenticated.because("algorithm not allowed: " + header.getAlgorithm()));
        }
        return issuer.verifier(header)
                .switchIfEmpty(Mono.error(() -> Unauthenticated.because("unknown key id")))
                .flatMap(verifier -> checked(jwt, verifier, issuer));
    }

    private Mono<JWTClaimsSet> checked(SignedJWT jwt, JWSVerifier verifier, Issuer issuer) {
        try {
            if (!jwt.verify(verifier)) {
                return Mono.error(Unauthenticated.because("bad signature"));
            }
            var claims = jwt.getJWTClaimsSet();
            claimsVerifier(issuer).verify(claims, null);
            verified.put(jwt.getParsedString(), claims);
            return Mono.just(claims);
        } catch (BadJWTException e) {
            return Mono.error(Unauthenticated.because("claims refused: " + e.getMessage()));
        } catch (JOSEException | ParseException e) {
            return Mono.error(Unauthenticated.because("unverifiable token"));
        }
    }

    /** {@code exp} still ahead, with the same clock skew as the full check ({@code exp} is required there). */
    private boolean unexpired(JWTClaimsSet claims) {
        var expires = claims.getExpirationTime();
        return expires != null && clock.instant().isBefore(expires.toInstant().plus(properties.clockSkew()));
    }

    private DefaultJWTClaimsVerifier<?> claimsVerifier(Issuer issuer) {
        var verifier =
                new DefaultJWTClaimsVerifier<>(
                        // Mutable sets: Nimbus asks them whether they contain null, which Set.of answers with an NPE.
                        new HashSet<>(List.of(properties.audience())),
                        new JWTClaimsSet.Builder().issuer(issuer.iss()).build(),
                        Set.of(ClaimNames.SUBJECT, ClaimNames.EXPIRES_AT),
                        null) {
                    @Override
                    protected java.util.Date currentTime() {
                        return java.util.Date.from(clock.instant());
                    }
                };
        verifier.setMaxClockSkew((int) properties.clockSkew().toSeconds());
        return verifier;
    }

    private static boolean pointsAtItsOwnKey(JWSHeader header) {
        return header.getJWKURL() != null
                || header.getJWK() != null
                || header.getX509CertURL() != null
                || header.getX509CertChain() != null;
    }

    /** A trusted issuer: its allowed algorithms and where its keys come from. */
    private record Issuer(
            String iss,
            Set<JWSAlgorithm> algorithms,
            @Nullable IssuerKeys keys,
            byte[] secret) {

        static Issuer of(
                String name, TrustedIssuer trusted, WebClient client, IdentityProperties properties, Clock clock) {
            var algorithms =
                    trusted.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
            if (trusted.jwksUri() != null && trusted.secret() == null && ASYMMETRIC.containsAll(algorithms)) {
                return new Issuer(
                        trusted.issuer(),
                        algorithms,
                        new IssuerKeys(trusted.jwksUri(), client, properties, clock),
                        new byte[0]);
            }
            if (trusted.secret() != null && trusted.jwksUri() == null && SYMMETRIC.containsAll(algorithms)) {
                byte[] secret = trusted.secret().getBytes(StandardCharsets.UTF_8);
                if (secret.length < 32) {
                    throw new IllegalStateException("Issuer " + name + ": the secret must be at least 32 bytes");
                }
                return new Issuer(trusted.issuer(), algorithms, null, secret);
            }
            throw new IllegalStateException("Issuer " + name
                    + ": set either jwks-uri with asymmetric algorithms (RS*, PS*, ES*) or secret with HS*, not both");
        }

        Mono<JWSVerifier> verifier(JWSHeader header) {
            try {
                if (keys == null) {
                    return Mono.just(new MACVerifier(secret));
                }
                if (header.getKeyID() == null) {
                    return Mono.empty();
                }
                return keys.key(header.getKeyID()).mapNotNull(key -> verifierFor(key, header.getAlgorithm()));
            } catch (JOSEException e) {
                return Mono.empty();
            }
        }

        /** A verifier only when the key's type fits the algorithm: an RSA key never verifies an EC signature. */
        private static @Nullable JWSVerifier verifierFor(JWK key, JWSAlgorithm algorithm) {
            if (key.getAlgorithm() != null && !key.getAlgorithm().equals(algorithm)) {
                return null;
            }
            try {
                if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(algorithm)) {
                    return new RSASSAVerifier(rsa);
                }
                if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(algorithm)) {
                    return new ECDSAVerifier(ec);
                }
                return null;
            } catch (JOSEException e) {
                return null;
            }
        }
    }
}
