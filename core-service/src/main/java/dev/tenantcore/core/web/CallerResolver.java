package dev.tenantcore.core.web;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.security.ClaimNames;
import dev.tenantcore.support.security.ApiKeyCaller;
import dev.tenantcore.support.security.UserIds;
import dev.tenantcore.support.web.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Resolves {@link Caller} parameters: an API key from the gateway's assertion (authenticated by service-support),
 * or a user from the verified JWT, making sure the user's profile exists (just in time, so users of an external
 * trusted issuer work too). A subject that is not a UUID (an external issuer) maps to a stable name-based UUID of
 * issuer and subject. A parameter of type {@link Caller.User} never receives a key: that answers 403, as the
 * security chain does for paths outside {@code api-key-paths}.
 */
public class CallerResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final Consumer<Caller.User> ensureProfile;

    public CallerResolver(Consumer<Caller.User> ensureProfile) {
        this.ensureProfile = ensureProfile;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            @Nullable WebDataBinderFactory binderFactory) {
        Class<?> wanted = parameter.getParameterType();
        Optional<ApiKeyCaller> key = ApiKeyCaller.current();
        if (key.isPresent()) {
            if (!wanted.isAssignableFrom(Caller.ApiKey.class)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "An API key cannot be used here");
            }
            return new Caller.ApiKey(key.get());
        }
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt)
                || !wanted.isAssignableFrom(Caller.User.class)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Authentication is required");
        }
        var token = jwt.getToken();
        UUID userId = UserIds.of(String.valueOf(token.getClaimAsString(ClaimNames.ISSUER)), token.getSubject());
        String email = token.getClaimAsString(ClaimNames.EMAIL);
        var user = new Caller.User(userId, email == null || email.isBlank() ? userId + "@users.invalid" : email);
        ensureProfile.accept(user);
        return user;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
