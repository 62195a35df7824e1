package dev.tenantcore.support.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link ApiKeyCaller}: its principal, with the single authority {@code ROLE_API_KEY}. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyCaller caller;

    ApiKeyAuthentication(ApiKeyCaller caller) {
        super(List.of(new SimpleGrantedAuthority(ApiKeyCaller.AUTHORITY)));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public ApiKeyCaller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return "api-key:" + caller.keyId();
    }
}
