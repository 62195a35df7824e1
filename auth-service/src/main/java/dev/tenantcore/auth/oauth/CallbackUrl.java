package dev.tenantcore.auth.oauth;

import dev.tenantcore.auth.config.AuthProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The callback URL sent to providers: the configured one, else this request's origin with the callback path. */
@Component
public class CallbackUrl {

    private final AuthProperties properties;

    CallbackUrl(AuthProperties properties) {
        this.properties = properties;
    }

    public URI of(HttpServletRequest request, String path) {
        URI configured = properties.oauth().callbackUrl();
        if (configured != null) {
            return configured;
        }
        return ServletUriComponentsBuilder.fromContextPath(request)
                .replacePath(path)
                .replaceQuery(null)
                .build()
                .toUri();
    }
}
