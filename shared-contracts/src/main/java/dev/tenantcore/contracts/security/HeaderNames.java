package dev.tenantcore.contracts.security;

import java.util.List;

/** HTTP headers with a meaning across services. */
public final class HeaderNames {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String API_KEY = "X-API-Key";
    public static final String TRACEPARENT = "traceparent";
    /** Set only by the gateway after it verified an API key; stripped from client requests. */
    public static final String AUTHENTICATED_API_KEY = "X-Authenticated-Api-Key";
    /** Set only by the gateway after authentication; stripped from client requests. */
    public static final String AUTHENTICATED_USER = "X-Authenticated-User";
    /** Set only by the gateway: the client's address as it saw it. */
    public static final String CLIENT_IP = "X-Client-Ip";

    /**
     * The service credential on {@code /internal/**} calls between services (never routed by the gateway,
     * and still authenticated so that a caller inside the network is not trusted by position).
     */
    public static final String INTERNAL_TOKEN = "X-Internal-Token";

    /** Identity headers a client may never send through the gateway. */
    public static final List<String> GATEWAY_ASSERTED =
            List.of(AUTHENTICATED_API_KEY, AUTHENTICATED_USER, CLIENT_IP, INTERNAL_TOKEN, "X-User-Id", "X-Org-Id");

    private HeaderNames() {}
}
