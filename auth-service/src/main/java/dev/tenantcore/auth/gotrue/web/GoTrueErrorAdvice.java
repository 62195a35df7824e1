package dev.tenantcore.auth.gotrue.web;

import dev.tenantcore.auth.sessions.SessionProblems;
import dev.tenantcore.support.web.ApiException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Failures of the GoTrue endpoints answer in GoTrue's shape, never with the envelope or an exception text. */
@RestControllerAdvice(basePackageClasses = GoTrueErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class GoTrueErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(GoTrueErrorAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        GoTrueError error = GoTrueError.of(e);
        var response = ResponseEntity.status(error.status());
        if (e instanceof SessionProblems.LoginRateLimited limited) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, limited.retryAfter().toSeconds())));
        }
        return response.body(error.body());
    }

    @ExceptionHandler({
        MethodArgumentNotValidException.class,
        HandlerMethodValidationException.class,
        MissingServletRequestParameterException.class,
        MethodArgumentTypeMismatchException.class
    })
    ResponseEntity<Map<String, Object>> invalid(Exception e) {
        String msg = e instanceof MethodArgumentNotValidException invalid
                        && invalid.getBindingResult().getFieldError() != null
                ? invalid.getBindingResult().getFieldError().getField() + " "
                        + invalid.getBindingResult().getFieldError().getDefaultMessage()
                : "The request is not valid";
        return respond(new GoTrueError(400, "validation_failed", msg));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            // Well-formed JSON with a value of the wrong type (a number where a string belongs) is invalid input.
            return respond(new GoTrueError(400, "validation_failed", field(mismatch) + " has the wrong type"));
        }
        return respond(new GoTrueError(400, "bad_json", "Could not read the request body as JSON"));
    }

    private static String field(MismatchedInputException e) {
        var path = e.getPath();
        String name = path.isEmpty() ? null : path.getLast().getPropertyName();
        return name == null ? "A field" : name;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            // Spring MVC's own client errors (wrong content type, method, missing resource) keep their status.
            int status = framework.getStatusCode().value();
            return respond(new GoTrueError(
                    status, status == 415 ? "bad_content_type" : "request_error", "The request is not supported here"));
        }
        log.error("unexpected failure on a GoTrue endpoint", e);
        return respond(new GoTrueError(500, "unexpected_failure", "Unexpected failure, please check server logs"));
    }

    private static ResponseEntity<Map<String, Object>> respond(GoTrueError error) {
        return ResponseEntity.status(error.status()).body(error.body());
    }
}
