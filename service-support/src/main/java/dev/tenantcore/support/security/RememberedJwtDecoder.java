package dev.tenantcore.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers the tokens its delegate verified, so a client's repeated requests with one access token pay for the
 * signature check once (RS256 verification and parsing were about 9 % of core's CPU per request; an ES256 signature
 * costs about 1 ms to check). A remembered token is validated again on every use (expiry, not-before, issuer,
 * audience: no cryptography), so it stops working at its {@code exp} exactly as before; it is keyed by the whole
 * token, so a changed byte is a different token that the delegate verifies (and refuses). Entries live at most
 * {@code remember}.
 */
public final class RememberedJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    public RememberedJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, Duration remember) {
        this.delegate = delegate;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(remember)
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        var remembered = verified.getIfPresent(token);
        if (remembered != null) {
            var result = validator.validate(remembered);
            if (!result.hasErrors()) {
                return remembered;
            }
            verified.invalidate(token);
            throw new JwtValidationException(
                    result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        var jwt = delegate.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
