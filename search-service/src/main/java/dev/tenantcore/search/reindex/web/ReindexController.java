package dev.tenantcore.search.reindex.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.search.index.SearchIndex;
import dev.tenantcore.search.reindex.ConsistencyCheck;
import dev.tenantcore.search.reindex.ConsistencyReport;
import dev.tenantcore.search.reindex.ReindexReport;
import dev.tenantcore.search.reindex.Reindexer;
import dev.tenantcore.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin commands for operators and jobs holding the service credential; never routed by the gateway. */
@RestController
@RequestMapping("/internal")
class ReindexController {

    private final Reindexer reindexer;
    private final ConsistencyCheck consistency;

    ReindexController(Reindexer reindexer, ConsistencyCheck consistency) {
        this.reindexer = reindexer;
        this.consistency = consistency;
    }

    @Operation(summary = "Rebuild an index (projects, teams, organizations) from core and swap its alias")
    @PostMapping("/reindex/{index}")
    ApiResponse<ReindexReport> reindex(@PathVariable String index) {
        return ApiResponse.of(reindexer.reindex(known(index)));
    }

    @Operation(summary = "Compare an index with core by id and version and repair the differences")
    @PostMapping("/consistency/{index}")
    ApiResponse<ConsistencyReport> check(@PathVariable String index) {
        return ApiResponse.of(consistency.checkAndRepair(known(index)));
    }

    private static SearchIndex known(String alias) {
        return SearchIndex.byAlias(alias).orElseThrow(() -> ApiException.notFound("Index"));
    }
}
