package dev.tenantcore.core.tenancy;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.core.Fixtures;
import dev.tenantcore.engines.test.SharedEngines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every tenant endpoint in the OpenAPI document, called by the owner of org A with org B's ids: each answers
 * 403 or 404 without data, and nothing of org B changes. New endpoints are covered without editing this test.
 */
@CoreServiceTest
class IsolationSweepTest {

    static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    static final List<String> TABLES =
            List.of("memberships", "roles", "role_assignments", "teams", "projects", "invitations", "audit_log");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void orgAsOwnerCanNeitherSeeNorChangeAnythingOfOrgB() throws Exception {
        Api a = Api.newUser(port);
        UUID orgA = a.createOrg("Org A");
        a.post("/api/v1/orgs/" + orgA + "/projects", body("name", "A's project"));

        Api b = Api.newUser(port);
        UUID orgB = b.createOrg("Org B");
        String base = "/api/v1/orgs/" + orgB;
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("teamId", b.post(base + "/teams", body("name", "B team")).id().toString());
        ids.put(
                "projectId",
                b.post(base + "/projects", body("name", "B project")).id().toString());
        ids.put(
                "roleId",
                b.post(base + "/roles", body("name", "b-role", "permissions", List.of()))
                        .id()
                        .toString());
        ids.put(
                "invitationId",
                b.post(base + "/invitations", body("email", "b-invitee@example.com", "role", "viewer"))
                        .id()
                        .toString());
        Api bViewer = Api.newUser(port);
        fixtures.addMember(orgB, bViewer, "viewer");
        b.put(base + "/projects/" + ids.get("projectId") + "/members/" + bViewer.userId, body("role", "admin"));
        ids.put("userId", bViewer.userId.toString());

        String before = snapshot(orgB);
        List<String> calls = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        JsonNode paths = apiDocs().get("paths");
        for (String path : paths.propertyNames()) {
            if (!path.startsWith("/api/v1/orgs/{orgId}") && !path.startsWith("/api/v2/")) {
                continue;
            }
            for (String method : paths.get(path).propertyNames()) {
                // As B's org, and as A's own org with B's resource ids.
                for (UUID org : List.of(orgB, orgA)) {
                    if (org.equals(orgA) && !hasResourceVariable(path)) {
                        continue;
                    }
                    String url = substitute(path, org, ids);
                    var response = a.send(method.toUpperCase(), url, attackBody());
                    calls.add(method.toUpperCase() + " " + url);
                    boolean refused = response.status() == 403 || response.status() == 404;
                    boolean noData = response.data() == null || response.data().isNull();
                    if (!refused || !noData) {
                        failures.add(method.toUpperCase() + " " + path + " (org " + (org.equals(orgA) ? "A" : "B")
                                + ") -> " + response.status() + " " + response.json());
                    }
                }
            }
        }
        assertThat(calls).hasSizeGreaterThan(30);
        assertThat(failures).isEmpty();
        assertThat(snapshot(orgB)).isEqualTo(before);
    }

    /** A body that passes validation of every endpoint, so that authorization (not validation) answers. */
    static Map<String, Object> attackBody() {
        return body(
                "name", "hijacked",
                "email", "attacker@example.com",
                "role", "viewer",
                "description", "hijacked",
                "permissions", List.of());
    }

    static boolean hasResourceVariable(String path) {
        Matcher m = VARIABLE.matcher(path);
        while (m.find()) {
            if (!m.group(1).equals("orgId")) {
                return true;
            }
        }
        return false;
    }

    static String substitute(String path, UUID org, Map<String, String> ids) {
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("orgId")
                    ? org.toString()
                    : ids.getOrDefault(m.group(1), UUID.randomUUID().toString());
            m.appendReplacement(out, value);
        }
        m.appendTail(out);
        return out.toString();
    }

    JsonNode apiDocs() throws Exception {
        var response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }

    /** Every row of org B, as the superuser sees it. */
    static String snapshot(UUID org) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection db = SharedEngines.postgres().superuser()) {
            var orgRow = db.prepareStatement("select o::text from core.organizations o where id = ?");
            orgRow.setObject(1, org);
            var rs = orgRow.executeQuery();
            rs.next();
            all.append(rs.getString(1));
            for (String table : TABLES) {
                var statement = db.prepareStatement("select coalesce(string_agg(t::text, '|' order by t::text), '') "
                        + "from core." + table + " t where org_id = ?");
                statement.setObject(1, org);
                var rows = statement.executeQuery();
                rows.next();
                all.append('\n').append(table).append(": ").append(rows.getString(1));
            }
        }
        return all.toString();
    }
}
