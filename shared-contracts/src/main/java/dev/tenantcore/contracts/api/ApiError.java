package dev.tenantcore.contracts.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A failure as the client sees it.
 *
 * @param code a stable machine code from {@link ErrorCode}
 * @param message a human-readable sentence, never an exception text
 * @param details optional structured context, e.g. {@code fields} for validation failures
 */
public record ApiError(
        String code, String message, @Nullable Map<String, Object> details) {

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code.code(), message, null);
    }

    public static ApiError of(ErrorCode code, String message, Map<String, Object> details) {
        return new ApiError(code.code(), message, details.isEmpty() ? null : Map.copyOf(details));
    }
}
