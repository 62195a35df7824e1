package dev.tenantcore.auth.oauth;

import dev.tenantcore.auth.config.AuthProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;

/**
 * Where a sign-in may send the browser (with tokens in the fragment): the site URL's origin and the configured
 * allow-list. Origins compare exactly (scheme, host, port), so no look-alike host or userinfo trick passes.
 */
@Component
class RedirectAllowList {

    private final AntPathMatcher paths = new AntPathMatcher();
    private final List<URI> allowed = new ArrayList<>();
    private final URI siteUrl;

    RedirectAllowList(AuthProperties properties) {
        this.siteUrl = properties.signup().siteUrl();
        allowed.add(URI.create(siteUrl.getScheme() + "://" + siteUrl.getRawAuthority()));
        properties.oauth().redirectAllowList().forEach(entry -> allowed.add(URI.create(entry)));
    }

    /** The redirect target, or the site URL when none was asked for; refuses any other. */
    URI check(@Nullable String redirectTo) {
        if (redirectTo == null || redirectTo.isBlank()) {
            return siteUrl;
        }
        URI target;
        try {
            target = new URI(redirectTo);
        } catch (java.net.URISyntaxException e) {
            throw OAuthProblems.redirectNotAllowed();
        }
        if (!target.isAbsolute() || target.getRawUserInfo() != null || target.getHost() == null) {
            throw OAuthProblems.redirectNotAllowed();
        }
        if (allowed.stream().noneMatch(entry -> matches(entry, target))) {
            throw OAuthProblems.redirectNotAllowed();
        }
        return target;
    }

    private boolean matches(URI entry, URI target) {
        if (!lower(entry.getScheme()).equals(lower(target.getScheme()))
                || !lower(entry.getHost()).equals(lower(target.getHost()))
                || port(entry) != port(target)) {
            return false;
        }
        String pattern = entry.getPath();
        if (pattern == null || pattern.isEmpty()) {
            return true;
        }
        String path = target.getPath() == null || target.getPath().isEmpty() ? "/" : target.getPath();
        return paths.match(pattern, path);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String lower(@Nullable String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
