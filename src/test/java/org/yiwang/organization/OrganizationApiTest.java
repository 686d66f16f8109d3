package org.yiwang.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** The organization REST API over HTTP with real sign-in. */
class OrganizationApiTest extends IntegrationTest {

    @Test
    void regionsArePublicWithTheirShape() {
        Api.Response all = Api.anonymous(baseUrl()).get("/api/v1/regions");
        assertThat(all.status()).isEqualTo(200);
        List<JsonNode> demo = new ArrayList<>();
        all.json().forEach(r -> {
            if (r.get("code").asString().startsWith("3399")) {
                demo.add(r);
            }
        });
        assertThat(demo.stream().filter(r -> r.get("level").asString().equals("CITY")).count()).isEqualTo(1);
        assertThat(demo.stream().filter(r -> r.get("level").asString().equals("DISTRICT")).count()).isEqualTo(2);
        assertThat(demo.stream().filter(r -> r.get("level").asString().equals("STREET")).count()).isEqualTo(4);
        assertThat(demo.stream().filter(r -> r.get("level").asString().equals("COMMUNITY")).count()).isEqualTo(8);
        JsonNode city = demo.get(0);
        assertThat(city.get("code").asString()).isEqualTo("339900000000");
        assertThat(city.get("name").asString()).isEqualTo("示例市");
        assertThat(city.get("parentCode").isNull()).isTrue();
        assertThat(city.get("divisionCode").asString()).isEqualTo("339900");

        Api.Response children = Api.anonymous(baseUrl()).get("/api/v1/regions?parentCode=339903100000");
        assertThat(children.json()).extracting(n -> n.get("name").asString()).containsExactly("青石村", "石桥村");
        Api.Response streets = Api.anonymous(baseUrl()).get("/api/v1/regions?parentCode=339902000000&level=street");
        assertThat(streets.json()).hasSize(2);
        Api.Response one = Api.anonymous(baseUrl()).get("/api/v1/regions/339902001001");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.get("name").asString()).isEqualTo("柳岸社区");
        assertThat(one.get("level").asString()).isEqualTo("COMMUNITY");
        assertThat(one.get("parentCode").asString()).isEqualTo("339902001000");
        Api.Response missing = Api.anonymous(baseUrl()).get("/api/v1/regions/339902001009");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problemCode()).isEqualTo("not-found");
        Api.Response badLevel = Api.anonymous(baseUrl()).get("/api/v1/regions?level=PROVINCE");
        assertThat(badLevel.status()).isEqualTo(400);
        assertThat(badLevel.namesField("level")).isTrue();
    }

    @Test
    void departmentsAndOfficersNeedSignInAndStaff() {
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/departments").status()).isEqualTo(401);
        Api.Response depts = Api.as(baseUrl(), "demo-officer").get("/api/v1/departments?regionCode=339902000000");
        assertThat(depts.status()).isEqualTo(200);
        assertThat(depts.json()).extracting(d -> d.get("id").asString()).contains("dh-service", "dh-urban", "dh-amr");
        Api.Response officer = Api.as(baseUrl(), "demo-admin").get("/api/v1/officers/demo-officer");
        assertThat(officer.status()).isEqualTo(200);
        assertThat(officer.get("reportingToEmployeeNo").asString()).isEqualTo("dh-leader");
        assertThat(officer.get("assignments")).hasSize(2);
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/officers").status()).isEqualTo(403);
    }

    @Test
    void importOverHttpReportsEveryBadRowAndNeedsThePermission() {
        String csv = """
                code,name,parentCode
                339500000000,接口市,
                339501000000,,339500000000
                339502001000,跳级,339500000000
                """;
        Api.Response bad = Api.as(baseUrl(), "demo-admin").send("POST", "/api/v1/admin/regions/import", csv, Map.of("Content-Type", "text/csv"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.problemCode()).isEqualTo("invalid-import");
        assertThat(bad.namesField("rows[2].name")).isTrue();
        assertThat(bad.namesField("rows[3].parentCode")).isTrue();
        assertThat(bad.get("errors")).hasSize(2);
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/regions/339500000000").status()).isEqualTo(404);

        String json = "[{\"code\":\"339500000000\",\"name\":\"接口市\"},{\"code\":\"339501000000\",\"name\":\"接口区\",\"parentCode\":\"339500000000\"}]";
        Api.Response forbidden = Api.as(baseUrl(), "demo-officer").post("/api/v1/admin/regions/import", json);
        assertThat(forbidden.status()).isEqualTo(403);
        Api.Response ok = Api.as(baseUrl(), "demo-admin").post("/api/v1/admin/regions/import", json);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.get("created").asInt()).isEqualTo(2);
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/regions/339501000000").get("parentCode").asString()).isEqualTo("339500000000");
    }
}
