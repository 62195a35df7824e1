package dev.tenantcore.support;

import dev.tenantcore.support.tenancy.TenantTransactionManager;
import dev.tenantcore.support.web.ApiErrorController;
import dev.tenantcore.support.web.ApiExceptionHandler;
import dev.tenantcore.support.web.DataAccessExceptionHandler;
import dev.tenantcore.support.web.ErrorResponses;
import dev.tenantcore.support.web.RequestIdFilter;
import dev.tenantcore.support.web.RequestSizeLimitFilter;
import dev.tenantcore.support.web.WebProperties;
import javax.sql.DataSource;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.transaction.TransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** Wires the shared web behaviour into every servlet service. */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        before = ErrorMvcAutoConfiguration.class,
        beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration")
@EnableConfigurationProperties(WebProperties.class)
@Import({ApiExceptionHandler.class, ApiErrorController.class})
public class SupportAutoConfiguration {

    /**
     * Carries the caller's trace (and other context-propagation thread locals) into {@code @Async} work. The
     * outbox sends events and jobs to Kafka from an after-commit listener on the application task executor; with
     * this decorator that send, and so the consumer in the next service, stays in the request's trace.
     */
    @Bean
    @ConditionalOnMissingBean(TaskDecorator.class)
    ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }

    /**
     * Operation ids that stay unique once the gateway merges every service's document, and that read well in a
     * generated client: the controller's name without {@code Controller}, then the method ({@code projectsList},
     * {@code apiKeyCreate}). An id set explicitly with {@code @Operation(operationId = ...)} is kept.
     */
    @Bean
    GlobalOperationCustomizer operationIds() {
        return (operation, handler) -> {
            var declared = handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
            if (declared != null && !declared.operationId().isBlank()) {
                return operation;
            }
            String type = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
            String method = handler.getMethod().getName();
            operation.setOperationId(Character.toLowerCase(type.charAt(0))
                    + type.substring(1)
                    + Character.toUpperCase(method.charAt(0))
                    + method.substring(1));
            return operation;
        };
    }

    @Bean
    ErrorResponses errorResponses(JsonMapper jsonMapper) {
        return new ErrorResponses(jsonMapper);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            WebProperties properties, ErrorResponses errors) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxBodySize().toBytes(), errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Database support for services that have a database. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.jdbc.support.JdbcTransactionManager")
    @Import(DataAccessExceptionHandler.class)
    static class DatabaseSupport {

        @Bean
        @ConditionalOnBean(DataSource.class)
        @ConditionalOnMissingBean(TransactionManager.class)
        TenantTransactionManager transactionManager(DataSource dataSource) {
            return new TenantTransactionManager(dataSource);
        }

        /** Read-only transactions to a replica when {@code tenantcore.database.replica.url} is set. */
        @Bean
        static dev.tenantcore.support.tenancy.ReadReplicaRouting readReplicaRouting(
                org.springframework.core.env.Environment environment) {
            return new dev.tenantcore.support.tenancy.ReadReplicaRouting(environment);
        }
    }
}
