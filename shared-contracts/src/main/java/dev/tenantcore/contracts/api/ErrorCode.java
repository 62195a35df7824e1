package dev.tenantcore.contracts.api;

/** The catalogue of stable error codes, each with the HTTP status that carries it. */
public enum ErrorCode {
    VALIDATION_FAILED("validation_failed", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    QUOTA_EXCEEDED("quota_exceeded", 403),
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    NOT_ACCEPTABLE("not_acceptable", 406),
    CONFLICT("conflict", 409),
    GONE("gone", 410),
    PRECONDITION_FAILED("precondition_failed", 412),
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    URI_TOO_LONG("uri_too_long", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    RATE_LIMITED("rate_limited", 429),
    HEADERS_TOO_LARGE("headers_too_large", 431),
    INTERNAL("internal", 500),
    UNAVAILABLE("unavailable", 503),
    TIMEOUT("timeout", 504);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The machine code sent in {@code error.code}. */
    public String code() {
        return code;
    }

    /** The HTTP status that accompanies this code. */
    public int status() {
        return status;
    }

    /** The generic code for an HTTP status, for failures raised outside the application's own code. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 410 -> GONE;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 502, 503 -> UNAVAILABLE;
            case 504 -> TIMEOUT;
            default -> status >= 500 ? INTERNAL : VALIDATION_FAILED;
        };
    }
}
