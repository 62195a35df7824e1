package dev.tenantcore.auth.keys;

import static dev.tenantcore.auth.Api.PASSWORD;
import static dev.tenantcore.auth.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tenantcore.auth.Api;
import dev.tenantcore.auth.AuthServiceTest;
import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.auth.config.AuthProperties.SigningAlgorithm;
import dev.tenantcore.auth.crypto.EnvelopeEncryption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Access tokens are signed with ES256 keys by default; a deployment that changes the algorithm gets a key of the new
 * kind at the next scheduled check, and tokens of the previous key keep verifying while it stays published.
 */
@AuthServiceTest
class SigningAlgorithmChangeTest {

    @LocalServerPort
    int port;

    @Autowired
    SigningKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EnvelopeEncryption encryption;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuthProperties properties;

    @Test
    void aChangedAlgorithmRotatesAtTheNextCheckAndTokensOfThePreviousKeyStillVerify() throws Exception {
        var api = new Api(port);
        String email = Api.uniqueEmail("algorithm");
        api.signUpConfirmed(email);
        String es256 = api.login(email, PASSWORD).data().path("accessToken").asString();
        assertThat(Api.header(es256).path("alg").asString()).isEqualTo("ES256");
        assertThat(keys.rotateIfDue()).isFalse();

        // Another instance of the service, configured for RS256: its schedule replaces the ES256 key at once.
        var rs256Keys = new SigningKeys(jdbc, encryption, transactions, configuredFor(SigningAlgorithm.RS256));
        assertThat(rs256Keys.rotateIfDue()).isTrue();
        assertThat(rs256Keys.rotateIfDue()).isFalse();
        String rs256 = rs256Keys.sign(JWTClaimsSet.parse(Api.claims(es256).toString()));
        assertThat(Api.header(rs256).path("alg").asString()).isEqualTo("RS256");

        // Every instance's JWKS lists a key made elsewhere within a second (whoever meets its kid fetches it).
        String rs256Kid = Api.header(rs256).path("kid").asString();
        var jwks = api.get("/api/v1/auth/.well-known/jwks.json").body().path("keys");
        long until = System.nanoTime() + 3_000_000_000L;
        while (!jwks.toString().contains(rs256Kid) && System.nanoTime() < until) {
            Thread.sleep(100);
            jwks = api.get("/api/v1/auth/.well-known/jwks.json").body().path("keys");
        }
        assertThat(jwks.valueStream()
                        .filter(k -> k.path("kid")
                                .asString()
                                .equals(Api.header(es256).path("kid").asString())))
                .singleElement()
                .satisfies(k -> {
                    assertThat(k.path("kty").asString()).isEqualTo("EC");
                    assertThat(k.path("crv").asString()).isEqualTo("P-256");
                    assertThat(k.path("alg").asString()).isEqualTo("ES256");
                });
        assertThat(jwks.valueStream()
                        .filter(k -> k.path("kid")
                                .asString()
                                .equals(Api.header(rs256).path("kid").asString())))
                .singleElement()
                .satisfies(k -> assertThat(k.path("kty").asString()).isEqualTo("RSA"));
        assertThat(api.get("/api/v1/auth/user", bearer(es256)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/user", bearer(rs256)).status()).isEqualTo(200);

        // Back to this context's configuration (ES256) for the tests that share it.
        keys.rotate();
        String again = api.login(email, PASSWORD).data().path("accessToken").asString();
        assertThat(Api.header(again).path("alg").asString()).isEqualTo("ES256");
        assertThat(api.get("/api/v1/auth/user", bearer(rs256)).status()).isEqualTo(200);
    }

    private AuthProperties configuredFor(SigningAlgorithm algorithm) {
        var p = properties;
        var k = p.keys();
        return new AuthProperties(
                p.tokens(),
                p.signup(),
                new AuthProperties.Keys(k.rotationInterval(), k.rotationCheckCron(), k.rsaKeySize(), algorithm),
                p.encryption(),
                p.login(),
                p.apiKeys(),
                p.core(),
                p.mfa(),
                p.oauth());
    }
}
