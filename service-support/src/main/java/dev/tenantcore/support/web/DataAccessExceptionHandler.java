package dev.tenantcore.support.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.ErrorCode;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Database failures as envelope errors, for services with a database. A row-level-security refusal
 * reaches Spring as a grammar exception with SQLSTATE 42501, so it is recognised by its state.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class DataAccessExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DataAccessExceptionHandler.class);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ApiResponse<Void>> handleOptimisticLock(OptimisticLockingFailureException e) {
        return ErrorResponses.entity(
                ErrorCode.PRECONDITION_FAILED, "The resource was changed by someone else; reload it", Map.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiResponse<Void>> handleIntegrity(DataIntegrityViolationException e) {
        return ErrorResponses.entity(ErrorCode.CONFLICT, "The change conflicts with existing data", Map.of());
    }

    @ExceptionHandler({PessimisticLockingFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ApiResponse<Void>> handleTransient(DataAccessException e) {
        log.warn("transient database failure", e);
        return ErrorResponses.entity(ErrorCode.UNAVAILABLE, "The service is busy; try again", Map.of());
    }

    /**
     * A dependency could not be reached or gave no connection in time: the database (pool exhausted, server down,
     * including a transaction that could not begin) or Redis ({@code RedisConnectionFailureException} is one of
     * these). The request did nothing, and trying again later can succeed: 503, never 500.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<ApiResponse<Void>> handleUnreachable(RuntimeException e) {
        log.warn("dependency unavailable: {}", e.toString());
        return ErrorResponses.entity(ErrorCode.UNAVAILABLE, "A dependency is unavailable; try again", Map.of());
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiResponse<Void>> handleDataAccess(DataAccessException e) {
        if (e.getMostSpecificCause() instanceof SQLException sql && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState())) {
            log.warn("row-level security refused a statement: {}", sql.getMessage());
            return ErrorResponses.entity(ErrorCode.FORBIDDEN, "You are not allowed to do this", Map.of());
        }
        log.error("database failure", e);
        return ErrorResponses.entity(ErrorCode.INTERNAL, "An unexpected error occurred", Map.of());
    }
}
