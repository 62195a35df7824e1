package dev.tenantcore.auth.gotrue.web;

import dev.tenantcore.auth.accounts.User;
import dev.tenantcore.auth.mfa.Factor;
import dev.tenantcore.auth.sessions.TokenPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** GoTrue's JSON shapes (models/user.go, models/factor.go, the access token response), snake_case. */
final class GoTrueShapes {

    private GoTrueShapes() {}

    static Map<String, Object> user(User user, List<Factor> factors) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", user.id().toString());
        out.put("aud", "authenticated");
        out.put("role", "authenticated");
        out.put("email", user.email());
        putTime(out, "email_confirmed_at", user.emailConfirmedAt());
        out.put("phone", "");
        putTime(out, "confirmed_at", user.emailConfirmedAt());
        if (user.pendingEmail() != null) {
            out.put("new_email", user.pendingEmail());
        }
        putTime(out, "last_sign_in_at", user.lastSignInAt());
        out.put("app_metadata", Map.of("provider", "email", "providers", List.of("email")));
        out.put("user_metadata", user.metadata());
        out.put("identities", List.of());
        putTime(out, "created_at", user.createdAt());
        putTime(out, "updated_at", user.updatedAt());
        out.put("is_anonymous", false);
        if (!factors.isEmpty()) {
            out.put("factors", factors.stream().map(GoTrueShapes::factor).toList());
        }
        return out;
    }

    static Map<String, Object> factor(Factor factor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", factor.id().toString());
        out.put("friendly_name", factor.friendlyName() == null ? "" : factor.friendlyName());
        out.put("factor_type", factor.type());
        out.put("status", factor.status());
        putTime(out, "created_at", factor.createdAt());
        putTime(out, "updated_at", factor.updatedAt());
        return out;
    }

    /** The access token response of {@code /token}, {@code /verify} and factor verification. */
    static Map<String, Object> session(TokenPair pair, List<Factor> factors) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", pair.accessToken());
        out.put("token_type", "bearer");
        out.put("expires_in", pair.expiresIn());
        out.put("expires_at", pair.expiresAt().getEpochSecond());
        out.put("refresh_token", pair.refreshToken());
        out.put("user", user(pair.user(), factors));
        return out;
    }

    private static void putTime(Map<String, Object> out, String name, @Nullable Instant at) {
        if (at != null) {
            out.put(name, at.toString());
        }
    }
}
