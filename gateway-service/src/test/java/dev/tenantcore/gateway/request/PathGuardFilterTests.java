package dev.tenantcore.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.server.RequestPath;

/** Paths as they arrive on the wire, before any client or server could normalise them. */
class PathGuardFilterTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/internal/authz/check",
                "/Internal/authz/check",
                "//internal/authz/check",
                "/internal;x=1/authz/check",
                "/%69nternal/authz/check",
                "/api/v1/../../internal/authz/check",
                "/api/v1/..;/..;/internal/authz/check",
                "/api/v1/%2e%2e/%2E%2E/internal/authz/check",
                "/api/v1/./orgs",
                "/api/v1/orgs/o1%2f..%2f..%2f..%2finternal",
                "/api/v1/orgs/o1%5c..%5c..%5cinternal"
            })
    void refusesInternalPathsAndPathsThatCouldBecomeThem(String rawPath) {
        assertThat(PathGuardFilter.isPublic(RequestPath.parse(rawPath, null))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/orgs/o1/projects",
                "/api/v1/internal/notes",
                "/api/v1/orgs/o1/files/report.v2.pdf",
                "/api/v1/orgs/o1/search",
                "/auth/v1/token",
                "/"
            })
    void letsOrdinaryPathsThrough(String rawPath) {
        assertThat(PathGuardFilter.isPublic(RequestPath.parse(rawPath, null))).isTrue();
    }
}
