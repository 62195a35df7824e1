package dev.tenantcore.auth.audit;

import dev.tenantcore.contracts.security.HeaderNames;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Where a request came from. The client address is the one the gateway asserts ({@code X-Client-Ip}, stripped
 * from client requests there), else the peer address.
 */
public record RequestOrigin(String ip, @Nullable String userAgent) {

    public static final RequestOrigin SYSTEM = new RequestOrigin("system", null);

    public static RequestOrigin of(HttpServletRequest request) {
        String asserted = request.getHeader(HeaderNames.CLIENT_IP);
        String ip = asserted != null && !asserted.isBlank() && asserted.length() <= 64
                ? asserted.strip()
                : request.getRemoteAddr();
        String agent = request.getHeader("User-Agent");
        return new RequestOrigin(ip, agent == null ? null : agent.substring(0, Math.min(agent.length(), 512)));
    }
}
