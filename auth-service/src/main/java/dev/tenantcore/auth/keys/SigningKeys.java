package dev.tenantcore.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.auth.crypto.EnvelopeEncryption;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign access tokens (ES256 by default, RS256 by configuration: {@link AuthProperties.Keys}). One
 * current key signs; keys it replaced stay published in the JWKS until
 * every token they signed has expired. Private keys are stored sealed by {@link EnvelopeEncryption}. Each instance
 * caches the keys briefly and reloads when it meets an unknown {@code kid}, so a rotation on another instance is
 * picked up.
 */
@Component
public class SigningKeys {

    private static final Duration CACHE = Duration.ofSeconds(30);
    private static final Duration FRESH = Duration.ofSeconds(1);
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final EnvelopeEncryption encryption;
    private final TransactionTemplate transactions;
    private final AuthProperties properties;

    private volatile @Nullable Loaded loaded;

    SigningKeys(
            JdbcClient jdbc,
            EnvelopeEncryption encryption,
            TransactionTemplate transactions,
            AuthProperties properties) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** The loaded keys; the current key's signer and header are made once per load, not per token. */
    private record Loaded(
            JWK current, Instant currentCreatedAt, JWKSet published, Instant at, JWSSigner signer, JWSHeader header) {

        Loaded(JWK current, Instant currentCreatedAt, JWKSet published, Instant at) throws JOSEException {
            this(
                    current,
                    currentCreatedAt,
                    published,
                    at,
                    signer(current),
                    new JWSHeader.Builder(algorithm(current))
                            .keyID(current.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build());
        }

        private static JWSSigner signer(JWK key) throws JOSEException {
            return switch (key) {
                case ECKey ec -> new ECDSASigner(ec);
                case RSAKey rsa -> new RSASSASigner(rsa);
                default -> throw new JOSEException("unsupported signing key type " + key.getKeyType());
            };
        }

        /** Keys are stored with their algorithm; keys made before that was ES256 or RS256 are RS256. */
        private static JWSAlgorithm algorithm(JWK key) {
            return key.getAlgorithm() != null
                    ? JWSAlgorithm.parse(key.getAlgorithm().getName())
                    : key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        }
    }

    /** Signs the claims with the current key, its id in the header. */
    public String sign(JWTClaimsSet claims) {
        Loaded keys = keys();
        try {
            var jwt = new SignedJWT(keys.header(), claims);
            jwt.sign(keys.signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** Public keys of the current and still-published previous keys. */
    public JWKSet published() {
        return keys().published();
    }

    /**
     * The same, at most {@link #FRESH} old: what the JWKS endpoint serves. A key made by another instance signs at
     * once there, and whoever meets its {@code kid} fetches the JWKS, which any instance may answer; so this may not
     * wait for the signing cache ({@link #CACHE}) to expire.
     */
    public JWKSet publishedNow() {
        Loaded current = keys();
        if (Duration.between(current.at(), Instant.now()).compareTo(FRESH) >= 0) {
            current = load();
            loaded = current;
        }
        return current.published();
    }

    /** The published keys as a Nimbus source for verification, reloading on an unknown key id. */
    public JWKSource<SecurityContext> source() {
        return (selector, context) -> {
            var found = selector.select(published());
            if (found.isEmpty() && Duration.between(keys().at(), Instant.now()).toSeconds() >= 1) {
                loaded = null;
                found = selector.select(published());
            }
            return found;
        };
    }

    /** Makes a new key current now; the previous one stays published until its tokens have expired. */
    public String rotate() {
        String kid = transactions.execute(status -> {
            lock();
            return createKey();
        });
        loaded = null;
        return kid;
    }

    /**
     * Rotates when the current key is older than the configured interval, or signs with another algorithm than the
     * configured one (the schedule).
     */
    public boolean rotateIfDue() {
        Loaded keys = keys();
        Instant due = keys.currentCreatedAt().plus(properties.keys().rotationInterval());
        boolean configured = keys.header()
                .getAlgorithm()
                .getName()
                .equals(properties.keys().algorithm().name());
        if (Instant.now().isBefore(due) && configured) {
            return false;
        }
        rotate();
        return true;
    }

    private Loaded keys() {
        Loaded current = loaded;
        if (current == null || Instant.now().isAfter(current.at().plus(CACHE))) {
            current = load();
            loaded = current;
        }
        return current;
    }

    private Loaded load() {
        Loaded fromDb = read();
        if (fromDb != null) {
            return fromDb;
        }
        transactions.executeWithoutResult(status -> {
            lock();
            if (read() == null) {
                createKey();
            }
        });
        Loaded created = read();
        if (created == null) {
            throw new IllegalStateException("no signing key");
        }
        return created;
    }

    private @Nullable Loaded read() {
        List<Row> rows = jdbc.sql("""
                        SELECT kid, public_jwk, private_key_enc, kek_id, created_at, retired_at FROM signing_keys
                        WHERE retired_at IS NULL OR publish_until > now() ORDER BY created_at DESC
                        """)
                .query((rs, n) -> new Row(
                        rs.getString("kid"),
                        rs.getString("public_jwk"),
                        rs.getBytes("private_key_enc"),
                        rs.getString("kek_id"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("retired_at") == null))
                .list();
        Row current = rows.stream().filter(Row::current).findFirst().orElse(null);
        if (current == null) {
            return null;
        }
        try {
            List<com.nimbusds.jose.jwk.JWK> published = new ArrayList<>();
            for (Row row : rows) {
                published.add(JWK.parse(row.publicJwk()));
            }
            byte[] privateJwk = encryption.open(
                    new EnvelopeEncryption.Sealed(current.kekId(), current.sealed()), context(current.kid()));
            JWK key = JWK.parse(new String(privateJwk, StandardCharsets.UTF_8));
            return new Loaded(key, current.createdAt(), new JWKSet(published), Instant.now());
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("a stored signing key does not parse", e);
        }
    }

    private record Row(String kid, String publicJwk, byte[] sealed, String kekId, Instant createdAt, boolean current) {}

    private String createKey() {
        Duration publishFor = properties.tokens().accessTokenTtl().plus(SKEW);
        jdbc.sql("""
                        UPDATE signing_keys SET retired_at = now(), publish_until = now() + make_interval(secs => ?)
                        WHERE retired_at IS NULL
                        """).param(publishFor.toSeconds()).update();
        String kid = UUID.randomUUID().toString();
        var algorithm = properties.keys().algorithm();
        JWK key;
        try {
            key = switch (algorithm) {
                case ES256 ->
                    new ECKeyGenerator(Curve.P_256)
                            .keyID(kid)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(JWSAlgorithm.ES256)
                            .generate();
                case RS256 ->
                    new RSAKeyGenerator(properties.keys().rsaKeySize())
                            .keyID(kid)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(JWSAlgorithm.RS256)
                            .generate();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
        var sealed = encryption.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8), context(kid));
        jdbc.sql("""
                        INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key_enc, kek_id, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        kid,
                        algorithm.name(),
                        key.toPublicJWK().toJSONString(),
                        sealed.bytes(),
                        sealed.kekId(),
                        Timestamp.from(Instant.now()))
                .update();
        return kid;
    }

    private void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('auth.signing_keys'))")
                .query()
                .singleRow();
    }

    private static String context(String kid) {
        return "signing-key:" + kid;
    }
}
