package dev.tenantcore.support.security;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.support.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates another service by the shared credential in {@code X-Internal-Token}, compared in constant time. */
class InternalTokenFilter extends OncePerRequestFilter {

    private final ServiceCredential credential;
    private final ErrorResponses errors;

    InternalTokenFilter(ServiceCredential credential, ErrorResponses errors) {
        this.credential = credential;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!credential.matches(request.getHeader(HeaderNames.INTERNAL_TOKEN))) {
            errors.write(response, ErrorCode.UNAUTHORIZED, "A service credential is required");
            return;
        }
        var service = UsernamePasswordAuthenticationToken.authenticated(
                "service", null, List.of(new SimpleGrantedAuthority("ROLE_SERVICE")));
        SecurityContextHolder.getContext().setAuthentication(service);
        chain.doFilter(request, response);
    }
}
