package dev.tenantcore.gateway.openapi.web;

import dev.tenantcore.gateway.openapi.ApiDocument;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The merged API document, and the page that lets a person browse it. */
@RestController
class ApiDocumentController {

    private static final Resource DOCS_PAGE = new ClassPathResource("static/docs/index.html");

    private final ApiDocument document;

    ApiDocumentController(ApiDocument document) {
        this.document = document;
    }

    @GetMapping(value = "/api/v1/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<JsonNode> openApi() {
        return document.merged();
    }

    @GetMapping(value = {"/docs", "/docs/"})
    ResponseEntity<Resource> docs() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(DOCS_PAGE);
    }
}
