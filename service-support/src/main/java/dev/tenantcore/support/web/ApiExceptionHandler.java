package dev.tenantcore.support.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.ErrorCode;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one error mapping of a servlet service: every exception becomes the envelope with a stable code.
 * Messages are fixed sentences, never exception texts, so nothing internal or echoed reaches the client.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiResponse<Void>> handleApi(ApiException e) {
        return ErrorResponses.entity(e.code(), e.getMessage(), e.details());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiResponse<Void>> handleConstraintViolation(ConstraintViolationException e) {
        List<Map<String, Object>> fields = new ArrayList<>();
        e.getConstraintViolations()
                .forEach(v -> fields.add(field(lastNode(v.getPropertyPath().toString()), v.getMessage())));
        return validationFailed(fields);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiResponse<Void>> handleTypeMismatch(MethodArgumentTypeMismatchException e) {
        return validationFailed(List.of(field(e.getName(), "has an invalid format")));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiResponse<Void>> handleIllegalArgument(IllegalArgumentException e) {
        // Thrown by value objects (records) validating their own invariants; their messages are ours.
        return ErrorResponses.entity(ErrorCode.VALIDATION_FAILED, safeMessage(e.getMessage()), Map.of());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ApiResponse<Void>> handleAuthentication(AuthenticationException e) {
        return ErrorResponses.entity(ErrorCode.UNAUTHORIZED, "Authentication is required", Map.of());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ApiResponse<Void>> handleAccessDenied(RuntimeException e) {
        return ErrorResponses.entity(ErrorCode.FORBIDDEN, "You are not allowed to do this", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> handleUnexpected(Exception e) {
        log.error("unexpected failure", e);
        Map<String, Object> details = new LinkedHashMap<>();
        String traceId = MDC.get("traceId");
        if (traceId != null) {
            details.put("traceId", traceId);
        }
        return ErrorResponses.entity(ErrorCode.INTERNAL, "An unexpected error occurred", details);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> fields = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(f -> fields.add(field(f.getField(), message(f))));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> fields.add(field(g.getObjectName(), g.getDefaultMessage())));
        return widen(validationFailed(fields));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> fields = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(err -> fields.add(field(
                            err instanceof FieldError f ? f.getField() : String.valueOf(name),
                            err.getDefaultMessage())));
        });
        return widen(validationFailed(fields));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLarge tooLarge) {
                return widen(ErrorResponses.entity(tooLarge.code(), tooLarge.getMessage(), Map.of()));
            }
        }
        return widen(ErrorResponses.entity(
                ErrorCode.VALIDATION_FAILED, "The request body is missing or is not valid JSON", Map.of()));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ErrorCode code = ErrorCode.forStatus(status.value());
        var response = ErrorResponses.entity(code, messageFor(code), Map.of());
        return ResponseEntity.status(code.status())
                .headers(headers)
                .contentType(response.getHeaders().getContentType())
                .body(response.getBody());
    }

    static String messageFor(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "This method is not supported for this resource";
            case UNSUPPORTED_MEDIA_TYPE -> "This content type is not supported; send application/json";
            case NOT_ACCEPTABLE -> "No acceptable representation; accept application/json";
            case PAYLOAD_TOO_LARGE -> "The request body is too large";
            case VALIDATION_FAILED -> "The request is not valid";
            case UNAVAILABLE -> "The service is temporarily unavailable";
            default -> "The request could not be completed";
        };
    }

    private static ResponseEntity<ApiResponse<Void>> validationFailed(List<Map<String, Object>> fields) {
        return ErrorResponses.entity(
                ErrorCode.VALIDATION_FAILED,
                "The request is not valid",
                fields.isEmpty() ? Map.of() : Map.of("fields", List.copyOf(fields)));
    }

    private static Map<String, Object> field(String name, @Nullable String message) {
        return Map.of("field", name, "message", message == null ? "is invalid" : message);
    }

    private static @Nullable String message(FieldError f) {
        // A binding failure (e.g. text for a number) carries the rejected value in its message: keep it out.
        return f.isBindingFailure() ? "has an invalid format" : f.getDefaultMessage();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String safeMessage(@Nullable String message) {
        return message == null || message.length() > 200 ? "The request is not valid" : message;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<?> entity) {
        return (ResponseEntity) entity;
    }
}
