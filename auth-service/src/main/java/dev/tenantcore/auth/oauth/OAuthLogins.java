package dev.tenantcore.auth.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.tenantcore.auth.accounts.Accounts;
import dev.tenantcore.auth.accounts.User;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.crypto.EnvelopeEncryption;
import dev.tenantcore.auth.sessions.Sessions;
import dev.tenantcore.auth.sessions.TokenPair;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sign-in with a provider, the feature's API. {@link #authorize} starts it: state, PKCE verifier (S256) and, for
 * OpenID, a nonce are kept server-side and the browser goes to the provider. {@link #complete} finishes it at the
 * callback: the state is taken once, the code exchanged, the identity linked or registered, a session started, and
 * the browser goes back to the allowed {@code redirect_to} with the tokens in the URL fragment (as GoTrue does).
 *
 * <p>Linking: a known identity (provider, subject) signs in to its account. A new identity is linked to the
 * account of its e-mail only if the provider says it verified the address and the account's own address is
 * confirmed; with no account it registers one. An identity without a verified e-mail is refused (403): an
 * unverified address would let anyone claim, or pre-register, someone else's account.
 */
@Service
public class OAuthLogins {

    private final Providers providers;
    private final ProviderExchange exchange;
    private final LoginStates states;
    private final RedirectAllowList redirects;
    private final Identities identities;
    private final Accounts accounts;
    private final Sessions sessions;
    private final EnvelopeEncryption encryption;
    private final TransactionTemplate transactions;
    private final FlowCodes flowCodes;

    OAuthLogins(
            Providers providers,
            ProviderExchange exchange,
            LoginStates states,
            RedirectAllowList redirects,
            Identities identities,
            Accounts accounts,
            Sessions sessions,
            EnvelopeEncryption encryption,
            TransactionTemplate transactions,
            FlowCodes flowCodes) {
        this.providers = providers;
        this.exchange = exchange;
        this.states = states;
        this.redirects = redirects;
        this.identities = identities;
        this.accounts = accounts;
        this.sessions = sessions;
        this.encryption = encryption;
        this.transactions = transactions;
        this.flowCodes = flowCodes;
    }

    /**
     * The provider's authorization URL for a new sign-in.
     *
     * @param callback this service's callback URL as registered at the provider
     */
    public URI authorize(String provider, @Nullable String redirectTo, URI callback) {
        return authorize(provider, redirectTo, callback, null, null);
    }

    /** As {@link #authorize(String, String, URI, String, String)} for the envelope API, which takes only S256. */
    public URI authorizeWithS256(
            String provider,
            @Nullable String redirectTo,
            URI callback,
            String appChallenge,
            @Nullable String appChallengeMethod) {
        if (!"S256".equalsIgnoreCase(appChallengeMethod)) {
            throw OAuthProblems.unsupportedChallengeMethod();
        }
        return authorize(provider, redirectTo, callback, appChallenge, "s256");
    }

    /**
     * As {@link #authorize(String, String, URI)}, in GoTrue's PKCE flow when the app sends its own challenge: the
     * callback then returns {@code ?code=} for {@link #exchangeFlowCode}.
     */
    public URI authorize(
            String provider,
            @Nullable String redirectTo,
            URI callback,
            @Nullable String appChallenge,
            @Nullable String appChallengeMethod) {
        if (!providers.exists(provider)) {
            throw OAuthProblems.unknownProvider();
        }
        URI target = redirects.check(redirectTo);
        FlowCodes.Challenge challenge = appChallenge(appChallenge, appChallengeMethod);
        Providers.Provider p = providers.get(provider);
        var state = new State(32);
        var verifier = new CodeVerifier();
        var scope = new Scope(p.scopes().toArray(String[]::new));
        var client = new ClientID(p.settings().clientId());
        if (p.kind() == Providers.Kind.GITHUB) {
            states.save(
                    state.getValue(),
                    new LoginStates.Started(provider, verifier.getValue(), null, callback, target, challenge));
            return new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), client)
                    .endpointURI(p.authorizationUri())
                    .redirectionURI(callback)
                    .scope(scope)
                    .state(state)
                    .codeChallenge(verifier, CodeChallengeMethod.S256)
                    .build()
                    .toURI();
        }
        var nonce = new Nonce(32);
        states.save(
                state.getValue(),
                new LoginStates.Started(provider, verifier.getValue(), nonce.getValue(), callback, target, challenge));
        return new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE), scope, client, callback)
                .endpointURI(p.authorizationUri())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** Finishes a sign-in at the callback: where the browser goes next, with the session's tokens in the fragment. */
    public URI complete(@Nullable String state, @Nullable String code, @Nullable String error, RequestOrigin origin) {
        if (state == null || state.isBlank() || state.length() > 512) {
            throw OAuthProblems.invalidState();
        }
        LoginStates.Started started = states.take(state).orElseThrow(OAuthProblems::invalidState);
        if (error != null) {
            // Only an OAuth error code goes back (access_denied, ...), never other text the caller sent.
            throw OAuthProblems.providerDenied(error.matches("[a-z_]{1,64}") ? error : "unknown");
        }
        if (code == null || code.isBlank()) {
            throw OAuthProblems.providerRefused("The provider returned no authorization code");
        }
        ExternalIdentity identity = exchange.exchange(providers.get(started.provider()), code, started);
        User user = transactions.execute(status -> accountOf(identity, origin));
        if (started.appChallenge() != null) {
            String flowCode = flowCodes.issue(user.id(), started.appChallenge());
            return UriComponentsBuilder.fromUri(started.redirectTo())
                    .fragment(null)
                    .replaceQueryParam("code", flowCode)
                    .build(true)
                    .toUri();
        }
        TokenPair pair = sessions.start(user, List.of("oauth"), origin);
        return withTokens(started.redirectTo(), pair);
    }

    /** GoTrue's {@code grant_type=pkce}: a flow code from the callback and the app's verifier give a session. */
    public TokenPair exchangeFlowCode(String flowCode, String codeVerifier, RequestOrigin origin) {
        FlowCodes.Issued issued = flowCodes.take(flowCode).orElseThrow(OAuthProblems::flowCodeNotFound);
        if (!issued.challenge().verifies(codeVerifier)) {
            throw OAuthProblems.badCodeVerifier();
        }
        return sessions.start(accounts.find(issued.userId()), List.of("oauth"), origin);
    }

    private static FlowCodes.@Nullable Challenge appChallenge(@Nullable String value, @Nullable String method) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String m = method == null || method.isBlank() ? "s256" : method.toLowerCase(Locale.ROOT);
        if (!m.equals("s256") && !m.equals("plain") || value.length() < 43 || value.length() > 128) {
            throw new ApiException(
                    ErrorCode.VALIDATION_FAILED,
                    "code_challenge must be 43 to 128 characters and code_challenge_method s256 or plain");
        }
        return new FlowCodes.Challenge(value, m);
    }

    private User accountOf(ExternalIdentity identity, RequestOrigin origin) {
        EnvelopeEncryption.Sealed tokens = identity.tokens() == null
                ? null
                : encryption.seal(
                        identity.tokens().getBytes(StandardCharsets.UTF_8),
                        "identity:" + identity.provider() + ":" + identity.subject());
        var linked = identities.userOf(identity.provider(), identity.subject());
        if (linked.isPresent()) {
            identities.signedIn(identity, tokens);
            accounts.signedIn(linked.get());
            return accounts.find(linked.get());
        }
        if (identity.email() == null || !identity.emailVerified()) {
            throw OAuthProblems.emailNotVerified();
        }
        User user = accounts.findByEmail(identity.email()).orElse(null);
        if (user != null && user.emailConfirmedAt() == null) {
            throw OAuthProblems.accountNotConfirmed();
        }
        if (user == null) {
            user = accounts.registerVerified(identity.email(), identity.metadata(), origin);
        } else {
            accounts.signedIn(user.id());
        }
        identities.link(user.id(), identity, tokens);
        return user;
    }

    /** GoTrue's implicit-flow answer: {@code #access_token=...&expires_at=...&refresh_token=...&token_type=bearer}. */
    private static URI withTokens(URI redirectTo, TokenPair pair) {
        Map<String, String> fragment = new LinkedHashMap<>();
        fragment.put("access_token", pair.accessToken());
        fragment.put("expires_at", Long.toString(pair.expiresAt().getEpochSecond()));
        fragment.put("expires_in", Long.toString(pair.expiresIn()));
        fragment.put("refresh_token", pair.refreshToken());
        fragment.put("token_type", "bearer");
        String encoded = fragment.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String base = redirectTo.toString();
        int hash = base.indexOf('#');
        return URI.create((hash < 0 ? base : base.substring(0, hash)) + "#" + encoded);
    }
}
