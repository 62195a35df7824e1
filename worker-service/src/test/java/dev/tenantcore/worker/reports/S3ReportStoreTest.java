package dev.tenantcore.worker.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.worker.Api;
import dev.tenantcore.worker.CoreStub;
import dev.tenantcore.worker.S3Server;
import dev.tenantcore.worker.WorkerServiceTest;
import dev.tenantcore.worker.tenancy.TenantTransactions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The S3-compatible report store against a real S3 server (S3Proxy), through the worker's API. */
@WorkerServiceTest
class S3ReportStoreTest {

    @LocalServerPort
    int port;

    @Autowired
    S3ReportStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tenants;

    final CoreStub core = CoreStub.get();
    final S3Server s3 = S3Server.get();
    final UUID org = UUID.randomUUID();
    final UUID member = UUID.randomUUID();

    @Test
    void requestedReportIsStoredInTheBucketUnderItsOrgAndDownloadedThroughTheApi() throws Exception {
        OrgRoutedReportStore.useS3(org);
        core.member(member, org);
        core.auditLog(
                org,
                List.of(Map.of(
                        "id", UUID.randomUUID().toString(),
                        "seq", 7,
                        "createdAt", "2026-01-02T10:00:00Z",
                        "action", "project.created",
                        "resourceType", "project",
                        "resourceId", "p1",
                        "requestId", "req-7")));
        var api = new Api(port);

        var accepted = api.post(
                "/api/v1/orgs/" + org + "/reports",
                member,
                "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-02-01T00:00:00Z\"}");
        UUID id = UUID.fromString(Api.json(accepted).path("data").path("id").asString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !s3.keys("orgs/" + org + "/").isEmpty());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/orgs/" + org + "/reports/" + id, member)
                                .statusCode()
                        == 200);

        var csv = api.get("/api/v1/orgs/" + org + "/reports/" + id, member);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("activity-report-2026-01-01-2026-02-01.csv"));
        assertThat(new String(csv.body(), StandardCharsets.UTF_8))
                .isEqualTo(
                        ActivityCsv.HEADER + "\r\n" + "7,2026-01-02T10:00:00Z,,project.created,project,p1,,req-7\r\n");
        assertThat(s3.keys("orgs/")).contains("orgs/" + org + "/" + id);
        assertThat(tenants.inOrg(
                        org,
                        null,
                        () -> jdbc.sql("SELECT count(*) FROM reports WHERE id = ?")
                                .param(id)
                                .query(Integer.class)
                                .single()))
                .isZero();
        // Another org's member asking for it under their own org: the key is namespaced by org, nothing found.
        UUID otherOrg = UUID.randomUUID();
        core.member(member, otherOrg);
        OrgRoutedReportStore.useS3(otherOrg);
        assertThat(api.get("/api/v1/orgs/" + otherOrg + "/reports/" + id, member)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void expiredObjectsAreNeitherServedNorKeptByThePurge() {
        UUID expired = UUID.randomUUID();
        UUID current = UUID.randomUUID();
        store.save(report(expired, Instant.now().minusSeconds(60)));
        store.save(report(current, Instant.now().plus(Duration.ofDays(1))));

        assertThat(store.find(org, expired, StoredReport.EXPORT)).isEmpty();
        assertThat(store.find(org, current, StoredReport.ACTIVITY_REPORT)).isEmpty();
        assertThat(store.deleteExpired(Instant.now())).isGreaterThanOrEqualTo(1);

        assertThat(s3.keys("orgs/" + org + "/")).containsExactly(S3ReportStore.key(org, current));
        try (var file =
                store.find(org, current, StoredReport.EXPORT).orElseThrow().content()) {
            assertThat(new String(file.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private StoredReport report(UUID id, Instant expiresAt) {
        return new StoredReport(
                id,
                org,
                StoredReport.EXPORT,
                "application/x-ndjson",
                "export.jsonl",
                "{\"n\":1}\n".getBytes(StandardCharsets.UTF_8),
                expiresAt);
    }
}
