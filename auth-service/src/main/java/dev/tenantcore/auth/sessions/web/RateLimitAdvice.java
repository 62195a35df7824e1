package dev.tenantcore.auth.sessions.web;

import dev.tenantcore.auth.sessions.SessionProblems;
import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.support.web.ErrorResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A login lock answers 429 with {@code Retry-After}, which the shared mapping cannot know. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitAdvice {

    @ExceptionHandler(SessionProblems.LoginRateLimited.class)
    ResponseEntity<ApiResponse<Void>> limited(SessionProblems.LoginRateLimited e) {
        var entity = ErrorResponses.entity(e.code(), e.getMessage(), e.details());
        return ResponseEntity.status(entity.getStatusCode())
                .header(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .contentType(entity.getHeaders().getContentType())
                .body(entity.getBody());
    }
}
