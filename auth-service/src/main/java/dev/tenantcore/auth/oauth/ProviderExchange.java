package dev.tenantcore.auth.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns an authorization code into who signed in: the token request with the PKCE verifier, then for an OpenID
 * provider the validated ID token (signature by the provider's JWKS, issuer, audience, expiry, nonce), for GitHub
 * its user API. Unreachable providers answer 503; refusals and invalid answers 401.
 */
@Component
class ProviderExchange {

    private static final Logger log = LoggerFactory.getLogger(ProviderExchange.class);

    private final Providers providers;

    ProviderExchange(Providers providers) {
        this.providers = providers;
    }

    ExternalIdentity exchange(Providers.Provider provider, String code, LoginStates.Started started) {
        TokenResponse response = tokenResponse(provider, code, started);
        if (!response.indicatesSuccess()) {
            throw OAuthProblems.providerRefused("The provider refused the authorization code");
        }
        return provider.kind() == Providers.Kind.GITHUB
                ? github(provider, response.toSuccessResponse().getTokens())
                : oidc(provider, (OIDCTokenResponse) response.toSuccessResponse(), started);
    }

    private TokenResponse tokenResponse(Providers.Provider provider, String code, LoginStates.Started started) {
        var grant = new AuthorizationCodeGrant(
                new AuthorizationCode(code), started.callback(), new CodeVerifier(started.codeVerifier()));
        HTTPRequest request = configure(new TokenRequest.Builder(provider.tokenUri(), client(provider), grant)
                .build()
                .toHTTPRequest());
        HTTPResponse response = send(request);
        try {
            return provider.kind() == Providers.Kind.GITHUB
                    ? TokenResponse.parse(response)
                    : OIDCTokenResponseParser.parse(response);
        } catch (ParseException | ClassCastException e) {
            throw OAuthProblems.providerRefused("The provider's token response is not valid");
        }
    }

    private ExternalIdentity oidc(
            Providers.Provider provider, OIDCTokenResponse response, LoginStates.Started started) {
        JWT idToken = response.getOIDCTokens().getIDToken();
        if (idToken == null || started.nonce() == null) {
            throw OAuthProblems.providerRefused("The provider returned no ID token");
        }
        IDTokenClaimsSet claims;
        try {
            claims = Objects.requireNonNull(provider.idTokens()).validate(idToken, new Nonce(started.nonce()));
        } catch (BadJOSEException e) {
            throw OAuthProblems.providerRefused("The provider's ID token is not valid");
        } catch (JOSEException e) {
            // The provider's keys could not be fetched.
            log.warn("the keys of provider {} could not be fetched: {}", provider.name(), e.toString());
            throw OAuthProblems.providerUnavailable();
        }
        String subject = claims.getSubject().getValue();
        String email = claims.getStringClaim("email");
        boolean verified = isTrue(claims.getClaim("email_verified"));
        String name = claims.getStringClaim("name");
        if (email == null && provider.userInfoUri() != null) {
            // Providers may leave the e-mail out of the ID token (it is optional there); UserInfo then has it.
            JSONObject info = userInfo(provider.userInfoUri(), response.getOIDCTokens(), subject);
            email = info.get("email") instanceof String address ? address : null;
            verified = isTrue(info.get("email_verified"));
            name = name != null ? name : info.get("name") instanceof String n ? n : null;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfPresent(metadata, "name", name);
        putIfPresent(metadata, "avatar_url", claims.getStringClaim("picture"));
        return new ExternalIdentity(
                provider.name(), subject, email, verified, metadata, kept(provider, response.getOIDCTokens()));
    }

    /** The UserInfo answer, which must be about the ID token's subject (OpenID Connect Core 5.3.2). */
    private JSONObject userInfo(URI endpoint, Tokens tokens, String subject) {
        var request = configure(new HTTPRequest(HTTPRequest.Method.GET, endpoint));
        request.setAuthorization(tokens.getAccessToken().toAuthorizationHeader());
        HTTPResponse response = send(request);
        if (!response.indicatesSuccess()) {
            throw OAuthProblems.providerRefused("The provider refused the access token");
        }
        JSONObject info = object(response);
        if (!subject.equals(info.get("sub"))) {
            throw OAuthProblems.providerRefused("The provider's UserInfo is about another subject");
        }
        return info;
    }

    private ExternalIdentity github(Providers.Provider provider, Tokens tokens) {
        String api = Objects.requireNonNull(provider.userInfoUri()).toString().replaceAll("/+$", "");
        JSONObject user = object(get(api + "/user", tokens));
        Object id = user.get("id");
        if (id == null) {
            throw OAuthProblems.providerRefused("The provider's user answer is not valid");
        }
        String email = null;
        boolean verified = false;
        for (Object entry : array(get(api + "/user/emails", tokens))) {
            if (entry instanceof Map<?, ?> address && isTrue(address.get("primary"))) {
                email = Objects.toString(address.get("email"), null);
                verified = isTrue(address.get("verified"));
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfPresent(metadata, "name", user.get("name"));
        putIfPresent(metadata, "user_name", user.get("login"));
        putIfPresent(metadata, "avatar_url", user.get("avatar_url"));
        return new ExternalIdentity(provider.name(), id.toString(), email, verified, metadata, kept(provider, tokens));
    }

    private HTTPResponse get(String url, Tokens tokens) {
        var request = configure(new HTTPRequest(HTTPRequest.Method.GET, URI.create(url)));
        request.setAuthorization(tokens.getAccessToken().toAuthorizationHeader());
        request.setAccept("application/vnd.github+json");
        HTTPResponse response = send(request);
        if (!response.indicatesSuccess()) {
            throw OAuthProblems.providerRefused("The provider refused the access token");
        }
        return response;
    }

    private HTTPRequest configure(HTTPRequest request) {
        request.setConnectTimeout(providers.timeoutMillis());
        request.setReadTimeout(providers.timeoutMillis());
        if (request.getAccept() == null) {
            request.setAccept("application/json");
        }
        return request;
    }

    private static HTTPResponse send(HTTPRequest request) {
        try {
            HTTPResponse response = request.send();
            if (response.getStatusCode() >= 500) {
                log.warn("provider call to {} answered {}", request.getURL(), response.getStatusCode());
                throw OAuthProblems.providerUnavailable();
            }
            return response;
        } catch (IOException e) {
            log.warn("provider call to {} failed: {}", request.getURL(), e.toString());
            throw OAuthProblems.providerUnavailable();
        }
    }

    private static ClientAuthentication client(Providers.Provider provider) {
        var id = new ClientID(provider.settings().clientId());
        var secret = new Secret(provider.settings().clientSecret());
        return "client_secret_post".equals(provider.settings().clientAuthentication())
                ? new ClientSecretPost(id, secret)
                : new ClientSecretBasic(id, secret);
    }

    private static @Nullable String kept(Providers.Provider provider, Tokens tokens) {
        if (!provider.settings().storeTokens()) {
            return null;
        }
        JSONObject kept = new JSONObject();
        kept.put("access_token", tokens.getAccessToken().getValue());
        if (tokens.getRefreshToken() != null) {
            kept.put("refresh_token", tokens.getRefreshToken().getValue());
        }
        return kept.toJSONString();
    }

    private static JSONObject object(HTTPResponse response) {
        try {
            return response.getBodyAsJSONObject();
        } catch (ParseException e) {
            throw OAuthProblems.providerRefused("The provider's user answer is not valid");
        }
    }

    private static JSONArray array(HTTPResponse response) {
        try {
            return response.getBodyAsJSONArray();
        } catch (ParseException e) {
            throw OAuthProblems.providerRefused("The provider's e-mail answer is not valid");
        }
    }

    /** Some providers send {@code email_verified} as the string "true". */
    private static boolean isTrue(@Nullable Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
