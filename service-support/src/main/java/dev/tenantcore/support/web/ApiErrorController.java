package dev.tenantcore.support.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page: failures that never reached a controller (a filter's exception, a
 * malformed request line) still answer with the envelope, never an HTML page or a stack trace.
 */
@RestController
public class ApiErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ApiResponse<Void>> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 500;
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof ApiException api) {
            return ErrorResponses.entity(api.code(), api.getMessage(), api.details());
        }
        ErrorCode errorCode = ErrorCode.forStatus(code);
        return ErrorResponses.entity(errorCode, ApiExceptionHandler.messageFor(errorCode), Map.of());
    }
}
