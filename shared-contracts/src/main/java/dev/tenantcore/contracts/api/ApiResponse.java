package dev.tenantcore.contracts.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of every public response: {@code data} on success, {@code error} on failure, {@code meta}
 * for paged lists. Absent members are omitted from the JSON.
 *
 * @param <T> the payload type
 */
public record ApiResponse<T>(
        @Nullable T data,
        @Nullable ApiError error,
        @Nullable PageMeta meta) {

    public static <T> ApiResponse<T> of(T data) {
        return new ApiResponse<>(data, null, null);
    }

    public static <T> ApiResponse<List<T>> page(List<T> items, PageMeta meta) {
        return new ApiResponse<>(items, null, meta);
    }

    public static ApiResponse<Void> failure(ApiError error) {
        return new ApiResponse<>(null, error, null);
    }

    public static ApiResponse<Void> failure(ErrorCode code, String message) {
        return failure(ApiError.of(code, message));
    }
}
