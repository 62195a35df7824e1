package dev.tenantcore.core.web;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.security.ClaimNames;
import dev.tenantcore.support.security.UserIds;
import dev.tenantcore.support.web.ApiException;
import java.util.List;
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
 * Resolves {@link Caller} from the verified JWT and makes sure the user's profile exists (just in time, so
 * users of an external trusted issuer work too). A subject that is not a UUID (an external issuer) maps to a
 * stable name-based UUID of issuer and subject.
 */
public class CallerResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final Consumer<Caller> ensureProfile;

    public CallerResolver(Consumer<Caller> ensureProfile) {
        this.ensureProfile = ensureProfile;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            @Nullable WebDataBinderFactory binderFactory) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Authentication is required");
        }
        var token = jwt.getToken();
        UUID userId = UserIds.of(String.valueOf(token.getClaimAsString(ClaimNames.ISSUER)), token.getSubject());
        String email = token.getClaimAsString(ClaimNames.EMAIL);
        Caller caller = new Caller(userId, email == null || email.isBlank() ? userId + "@users.invalid" : email);
        ensureProfile.accept(caller);
        return caller;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
