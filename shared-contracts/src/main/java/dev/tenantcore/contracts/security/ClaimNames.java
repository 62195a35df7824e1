package dev.tenantcore.contracts.security;

/** Claims of the access tokens that auth-service issues and every service reads. */
public final class ClaimNames {

    public static final String SUBJECT = "sub";
    public static final String EMAIL = "email";
    public static final String ISSUER = "iss";
    public static final String AUDIENCE = "aud";
    public static final String ISSUED_AT = "iat";
    public static final String EXPIRES_AT = "exp";
    public static final String NOT_BEFORE = "nbf";
    /** The session id; revoking a session revokes every token carrying it. */
    public static final String SESSION_ID = "sid";
    /** Authentication methods used, e.g. password, totp, oauth. */
    public static final String AUTH_METHODS = "amr";
    /** Authenticator assurance level: aal1, or aal2 after a second factor. */
    public static final String ASSURANCE_LEVEL = "aal";
    /** Always {@code authenticated} for user tokens; organization roles are never in the token. */
    public static final String ROLE = "role";

    private ClaimNames() {}
}
