package dev.tenantcore.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

class ApiKeyCallerTest {

    private static final UUID ORG = UUID.randomUUID();
    private final ApiKeyCaller key = new ApiKeyCaller(
            UUID.randomUUID(),
            ORG,
            List.of(ApiKeyCaller.Permission.of("read", "projects"), ApiKeyCaller.Permission.of("create", "tasks")));

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void permitsExactlyItsScopesInItsOwnOrganization() {
        assertThat(key.permits(ORG, "read", "projects")).isTrue();
        assertThat(key.permits(ORG, "create", "tasks")).isTrue();

        assertThat(key.permits(ORG, "update", "projects")).isFalse();
        assertThat(key.permits(ORG, "read", "tasks")).isFalse();
        assertThat(key.permits(ORG, "read", "projects.secrets")).isFalse();
        assertThat(key.permits(ORG, "READ", "projects")).isFalse();
    }

    @Test
    void neverPermitsAnythingInAnotherOrganization() {
        assertThat(key.permits(UUID.randomUUID(), "read", "projects")).isFalse();
    }

    @Test
    void wildcardsAreNotPermissions() {
        var wildcard = new ApiKeyCaller(UUID.randomUUID(), ORG, List.of(ApiKeyCaller.Permission.of("*", "*")));

        assertThat(wildcard.permits(ORG, "read", "projects")).isFalse();
    }

    @Test
    void aConditionalScopeIsNotAnUnconditionalPermission() {
        var conditional = new ApiKeyCaller(
                UUID.randomUUID(),
                ORG,
                List.of(new ApiKeyCaller.Permission("read", "projects", Map.of("owner", "$user"))));

        assertThat(conditional.permits(ORG, "read", "projects")).isFalse();
    }

    @Test
    void aKeyWithoutScopesMayDoNothing() {
        var none = new ApiKeyCaller(UUID.randomUUID(), ORG, null);

        assertThat(none.scopes()).isEmpty();
        assertThat(none.permits(ORG, "read", "projects")).isFalse();
    }

    @Test
    void readsTheGatewaysAssertion() {
        var keyId = UUID.randomUUID();
        var read = JsonMapper.builder().build().readValue("""
                        {"keyId":"%s","orgId":"%s","scopes":[{"action":"read","resource":"projects"},\
                        {"action":"update","resource":"projects","conditions":{"owner":"$user"}}],"future":1}""".formatted(keyId, ORG), ApiKeyCaller.class);

        assertThat(read.keyId()).isEqualTo(keyId);
        assertThat(read.orgId()).isEqualTo(ORG);
        assertThat(read.scopes())
                .containsExactly(
                        ApiKeyCaller.Permission.of("read", "projects"),
                        new ApiKeyCaller.Permission("update", "projects", Map.of("owner", "$user")));
    }

    @Test
    void refusesIncompleteIdentities() {
        assertThatThrownBy(() -> new ApiKeyCaller(UUID.randomUUID(), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiKeyCaller.Permission.of("read", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isTheCurrentCallerOnlyWhenAuthenticatedAsAKey() {
        assertThat(ApiKeyCaller.current()).isEmpty();

        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(key));

        assertThat(ApiKeyCaller.current()).contains(key);
        assertThat(SecurityContextHolder.getContext().getAuthentication().getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_API_KEY");
    }

    @Test
    void recognisesAnAccessTokenButNotABearerApiKey() {
        assertThat(ApiKeyAuthenticationFilter.carriesAccessToken("Bearer eyJhbGciOi.x.y"))
                .isTrue();
        assertThat(ApiKeyAuthenticationFilter.carriesAccessToken("bearer eyJhbGciOi.x.y"))
                .isTrue();
        assertThat(ApiKeyAuthenticationFilter.carriesAccessToken("Bearer sk_live_abc"))
                .isFalse();
        assertThat(ApiKeyAuthenticationFilter.carriesAccessToken("Bearer ")).isFalse();
        assertThat(ApiKeyAuthenticationFilter.carriesAccessToken("Basic abc")).isFalse();
        assertThat(ApiKeyAuthenticationFilter.carriesAccessToken(null)).isFalse();
    }

    @Test
    void comparesTheServiceCredentialExactly() {
        var credential = new ServiceCredential("local-internal-token");

        assertThat(credential.matches("local-internal-token")).isTrue();
        assertThat(credential.matches("local-internal-toke")).isFalse();
        assertThat(credential.matches("local-internal-token ")).isFalse();
        assertThat(credential.matches(null)).isFalse();
    }
}
