package dev.tenantcore.auth.jmh;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What verifying one access token costs, for the algorithm auth signs with by default (ES256) and the one it can be
 * configured for (RS256, 2048-bit keys): the bare signature check, the full decode every service and the gateway do
 * (parse, signature, expiry), and signing. Run with {@link JwtVerificationBenchmarkTest}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtVerificationBenchmark {

    @Param({"ES256", "RS256"})
    public String algorithm;

    private JWSSigner signer;
    private JWSVerifier verifier;
    private JwtDecoder decoder;
    private JWTClaimsSet claims;
    private JWSHeader header;
    private String token;
    private SignedJWT parsed;

    @Setup
    public void setUp() throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        JWK key;
        if (alg.equals(JWSAlgorithm.ES256)) {
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
            signer = new ECDSASigner(ec);
            verifier = new ECDSAVerifier(ec.toPublicJWK());
            key = ec;
        } else {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("bench").generate();
            signer = new RSASSASigner(rsa);
            verifier = new RSASSAVerifier(rsa.toRSAPublicKey());
            key = rsa;
        }
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(alg, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        decoder = new NimbusJwtDecoder(processor);
        Instant now = Instant.now();
        claims = new JWTClaimsSet.Builder()
                .subject(UUID.randomUUID().toString())
                .issuer("tenantcore")
                .audience("authenticated")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3_600)))
                .claim("email", "ada@example.com")
                .claim("sid", UUID.randomUUID().toString())
                .claim("amr", List.of("password"))
                .claim("aal", "aal1")
                .claim("role", "authenticated")
                .build();
        header = new JWSHeader.Builder(alg)
                .keyID("bench")
                .type(JOSEObjectType.JWT)
                .build();
        var jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        token = jwt.serialize();
        parsed = SignedJWT.parse(token);
    }

    /** The signature check alone. */
    @Benchmark
    public boolean verifySignature() throws Exception {
        return parsed.verify(verifier);
    }

    /** What a service does per request: parse, verify, validate expiry (Spring Security's NimbusJwtDecoder). */
    @Benchmark
    public Jwt decodeAndValidate() {
        return decoder.decode(token);
    }

    /** What auth does per token issued. */
    @Benchmark
    public String sign() throws Exception {
        var jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
