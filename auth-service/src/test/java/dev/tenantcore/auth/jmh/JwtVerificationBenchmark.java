package dev.tenantcore.auth.jmh;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What verifying one access token costs, for the algorithm auth signs with (RS256, 2048-bit keys): the bare
 * signature check, the full decode every service and the gateway do (parse, signature, expiry), and signing
 * for comparison. Run with {@link JwtVerificationBenchmarkTest}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtVerificationBenchmark {

    private RSASSASigner signer;
    private RSASSAVerifier verifier;
    private JwtDecoder decoder;
    private JWTClaimsSet claims;
    private JWSHeader header;
    private String token;
    private SignedJWT parsed;

    @Setup
    public void setUp() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        signer = new RSASSASigner(key);
        verifier = new RSASSAVerifier(key.toRSAPublicKey());
        decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
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
        header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("bench")
                .type(JOSEObjectType.JWT)
                .build();
        var jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        token = jwt.serialize();
        parsed = SignedJWT.parse(token);
    }

    /** The RSA signature check alone. */
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
