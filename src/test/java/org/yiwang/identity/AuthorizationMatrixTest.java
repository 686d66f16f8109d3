package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * The one authorisation mechanism (roles → permissions, data scope through AccessScope) exercised through
 * real endpoints, table-driven: a 东湖区 officer never reads a 西山区 record and vice versa, a citizen never
 * reads another citizen's record, an administrator reads everything — including direct-id (IDOR) attempts.
 */
class AuthorizationMatrixTest extends IntegrationTest {

    /** Resource name → path. */
    private final Map<String, String> resources = new LinkedHashMap<>();
    private String secondCitizen;

    private String accountId(String username) {
        return jdbc.queryForObject("select id from identity_account where username = ?", String.class, username);
    }

    private String personId(String idNumber) {
        JsonNode found = Api.as(baseUrl(), "demo-admin").post("/api/v1/registries/persons/search", Map.of("idNumber", idNumber)).json();
        return found.get(0).get("id").asString();
    }

    private String entityId(String creditCode) {
        JsonNode page = Api.as(baseUrl(), "demo-admin").get("/api/v1/registries/legal-entities?creditCode=" + creditCode).json();
        return page.get("items").get(0).get("id").asString();
    }

    @BeforeEach
    void resources() {
        if (secondCitizen == null) {
            secondCitizen = RegistrationApiTest.freshUsername("matrix");
            assertThat(Api.anonymous(baseUrl()).post("/api/v1/citizens",
                    RegistrationApiTest.citizen(secondCitizen, RegistrationApiTest.freshIdNumber())).status()).isEqualTo(201);
        }
        resources.put("person-donghu", "/api/v1/registries/persons/" + personId("339902199003071232"));
        resources.put("person-xishan", "/api/v1/registries/persons/" + personId("339903198511204566"));
        resources.put("entity-donghu", "/api/v1/registries/legal-entities/" + entityId("91339902MA2YW0001P"));
        resources.put("entity-xishan", "/api/v1/registries/legal-entities/" + entityId("92339903MA2YW00026"));
        resources.put("account-citizen", "/api/v1/accounts/" + accountId("demo-citizen"));
        resources.put("account-citizen2", "/api/v1/accounts/" + accountId(secondCitizen));
        resources.put("account-enterprise", "/api/v1/accounts/" + accountId("demo-enterprise"));
        resources.put("account-officer-donghu", "/api/v1/accounts/" + accountId("demo-officer"));
        resources.put("account-officer-xishan", "/api/v1/accounts/" + accountId("demo-officer-xishan"));
        resources.put("account-unknown", "/api/v1/accounts/00000000-0000-0000-0000-000000000000");
    }

    /** Expected status per caller, in the order of {@link #resources}. */
    private Map<String, int[]> expectations() {
        Map<String, int[]> m = new LinkedHashMap<>();
        //                                     person      entity     acct: cit  cit2 ent  off-dh off-xs unknown
        m.put("demo-officer",        new int[] {200, 404, 200, 404, 404, 404, 404, 200, 404, 404});
        m.put("demo-clerk",          new int[] {200, 404, 200, 404, 404, 404, 404, 404, 404, 404});
        m.put("demo-officer-xishan", new int[] {404, 200, 404, 200, 404, 404, 404, 404, 200, 404});
        m.put("demo-citizen",        new int[] {403, 403, 403, 403, 200, 404, 404, 404, 404, 404});
        m.put("second-citizen",      new int[] {403, 403, 403, 403, 404, 200, 404, 404, 404, 404});
        m.put("demo-enterprise",     new int[] {403, 403, 403, 403, 404, 404, 200, 404, 404, 404});
        m.put("demo-admin",          new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 404});
        m.put("anonymous",           new int[] {401, 401, 401, 401, 401, 401, 401, 401, 401, 401});
        return m;
    }

    private Api.Client client(String caller) {
        return switch (caller) {
            case "anonymous" -> Api.anonymous(baseUrl());
            case "second-citizen" -> Api.as(baseUrl(), secondCitizen, "Strong#Pass2026");
            default -> Api.as(baseUrl(), caller);
        };
    }

    @Test
    void everyCallerReadsExactlyWhatItsScopeAllows() {
        List<String> mismatches = new ArrayList<>();
        List<String> names = new ArrayList<>(resources.keySet());
        expectations().forEach((caller, expected) -> {
            Api.Client c = client(caller);
            for (int i = 0; i < names.size(); i++) {
                Api.Response r = c.get(resources.get(names.get(i)));
                if (r.status() != expected[i]) {
                    mismatches.add(caller + " → " + names.get(i) + ": expected " + expected[i] + ", got " + r.status());
                }
                if (r.status() >= 400) {
                    assertThat(r.header("Content-Type")).as(caller + " " + names.get(i)).startsWith("application/problem+json");
                }
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void listsOnlyHoldRecordsInScope() {
        JsonNode donghu = Api.as(baseUrl(), "demo-officer").get("/api/v1/registries/persons?limit=200").json().get("items");
        JsonNode xishan = Api.as(baseUrl(), "demo-officer-xishan").get("/api/v1/registries/persons?limit=200").json().get("items");
        assertThat(donghu.size()).isPositive();
        assertThat(xishan.size()).isPositive();
        donghu.forEach(p -> assertThat(p.get("regionCode").asString()).startsWith("339902"));
        xishan.forEach(p -> assertThat(p.get("regionCode").asString()).startsWith("339903"));
        // personal data is masked for officers without personal-data:read-full
        donghu.forEach(p -> assertThat(p.get("idNumber").asString()).contains("*"));
    }

    @Test
    void permissionsComeFromTheRoleTable() {
        JsonNode officer = Api.as(baseUrl(), "demo-officer").get("/api/v1/me").json();
        JsonNode citizen = Api.as(baseUrl(), "demo-citizen").get("/api/v1/me").json();
        assertThat(officer.get("permissions").toString()).contains("registry:read").doesNotContain("personal-data:read-full")
                .doesNotContain("account:manage");
        assertThat(citizen.get("permissions").toString()).doesNotContain("registry:read");
        assertThat(Api.as(baseUrl(), "demo-officer").get("/api/v1/accounts").status()).isEqualTo(403);
        assertThat(Api.as(baseUrl(), "demo-admin").get("/api/v1/accounts?type=OFFICER").json().size()).isGreaterThanOrEqualTo(5);

        // an officer cannot create accounts; an administrator can, only for real officers
        Map<String, Object> body = Map.of("type", "ADMIN", "username", RegistrationApiTest.freshUsername("x"), "password", "Strong#Pass2026",
                "displayName", "x");
        assertThat(Api.as(baseUrl(), "demo-officer").post("/api/v1/accounts", body).status()).isEqualTo(403);
        Api.Response noOfficer = Api.as(baseUrl(), "demo-admin").post("/api/v1/accounts", Map.of("type", "OFFICER",
                "username", RegistrationApiTest.freshUsername("x"), "password", "Strong#Pass2026", "officerId", "no-such-officer"));
        assertThat(noOfficer.status()).isEqualTo(400);
        assertThat(noOfficer.namesField("officerId")).isTrue();
    }
}
