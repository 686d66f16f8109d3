package org.yiwang.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class GovernanceApiTest extends IntegrationTest {

    @Autowired
    GridLocator locator;

    @Autowired
    EventCatalog catalog;

    @Autowired
    GridDirectory directory;

    private static String polygon(double x0, double x1, double y0, double y1) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + x0 + "," + y0 + "],[" + x1 + "," + y0 + "],[" + x1 + "," + y1 + "],["
                + x0 + "," + y1 + "],[" + x0 + "," + y0 + "]]]}";
    }

    private static String feature(String code, String community, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"测试网格\",\"communityCode\":\"" + community
                + "\"},\"geometry\":" + geometry + "}";
    }

    @Test
    void demoGridsLocateAPointAndTheDemoGridWorkerIsAssigned() {
        Api.Response r = Api.as(baseUrl(), "demo-citizen").get("/api/v1/grids/locate?lon=120.005&lat=30.03");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.get("rule").asString()).isEqualTo("GRID");
        assertThat(r.get("gridCode").asString()).isEqualTo("339902001001001");
        assertThat(r.get("communityCode").asString()).isEqualTo("339902001001");
        assertThat(r.get("districtCode").asString()).isEqualTo("339902000000");
        assertThat(locator.locate(120.19, 30.1).orElseThrow().gridCode()).isEqualTo("339903100202002");
        assertThat(directory.workers("339902001001001")).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from gov_grid", Integer.class)).isEqualTo(21);
    }

    @Test
    void pointsOutsideTheCityOrWithBadCoordinatesAreRefused() {
        Api.Client citizen = Api.as(baseUrl(), "demo-citizen");
        Api.Response outside = citizen.get("/api/v1/grids/locate?lon=121.5&lat=31.2");
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.problemCode()).isEqualTo("outside-city");
        assertThat(locator.locate(121.5, 31.2)).isEmpty();
        Api.Response bad = citizen.get("/api/v1/grids/locate?lon=abc&lat=91");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("lon")).isTrue();
        assertThat(bad.namesField("lat")).isTrue();
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/grids/locate?lon=120.01&lat=30.01").status()).isEqualTo(401);
    }

    @Test
    void invalidGeoJsonImportListsEveryFeatureAndWritesNothing() {
        int before = jdbc.queryForObject("select count(*) from gov_grid", Integer.class);
        long version = jdbc.queryForObject("select version from gov_grid_version", Long.class);
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[120.0,30.0],[120.01,30.01],[120.01,30.0],[120.0,30.01],[120.0,30.0]]]}";
        String body = "{\"type\":\"FeatureCollection\",\"features\":["
                + feature("339902001001901", "339902001001", bowtie) + ","                                    // 1: self-intersecting
                + feature("339999001001001", "339999001001", polygon(120.3, 120.31, 30.3, 30.31)) + ","         // 2: unknown community
                + feature("339902001001902", "339902001001", polygon(120.0, 120.004, 30.0, 30.004)) + ","       // 3: overlaps demo grid 001
                + feature("339902001002903", "339902001001", polygon(120.5, 120.6, 30.5, 30.6)) + ","           // 4: code of another community
                + feature("339903100201904", "339903100201", polygon(120.7, 120.72, 30.7, 30.72)) + ","         // 5 and 6 overlap each other
                + feature("339903100201905", "339903100201", polygon(120.71, 120.73, 30.7, 30.72)) + "]}";
        Api.Response r = Api.as(baseUrl(), "demo-admin").post("/api/v1/grids/import", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.problemCode()).isEqualTo("invalid-import");
        assertThat(r.namesField("features[1].geometry")).as(r.body()).isTrue();
        assertThat(r.namesField("features[2].properties.communityCode")).isTrue();
        assertThat(r.namesField("features[3].geometry")).isTrue();
        assertThat(r.body()).contains("339902001001001");
        assertThat(r.namesField("features[4].properties.code")).isTrue();
        assertThat(r.namesField("features[5].geometry")).isTrue();
        assertThat(r.namesField("features[6].geometry")).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from gov_grid", Integer.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("select version from gov_grid_version", Long.class)).isEqualTo(version);
        assertThat(Api.as(baseUrl(), "demo-officer").post("/api/v1/grids/import", body).status()).isEqualTo(403);
    }

    @Test
    void gridsGeoJsonRoundTripsAndIsScopedForOfficers() {
        Api.Response all = Api.as(baseUrl(), "demo-admin").get("/api/v1/grids.geojson");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(all.get("features").size()).isEqualTo(21);
        JsonNode first = all.get("features").get(0);
        assertThat(first.path("properties").path("code").asString()).isEqualTo("339902001001001");
        assertThat(first.path("geometry").path("type").asString()).isEqualTo("Polygon");

        Api.Response again = Api.as(baseUrl(), "demo-admin").post("/api/v1/grids/import", all.body());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.get("updated").asInt()).isEqualTo(21);
        assertThat(again.get("created").asInt()).isZero();
        Api.Response after = Api.as(baseUrl(), "demo-admin").get("/api/v1/grids.geojson");
        assertThat(after.get("features").get(0).path("geometry")).isEqualTo(first.path("geometry"));

        Api.Response dh = Api.as(baseUrl(), "demo-officer").get("/api/v1/grids.geojson");
        assertThat(dh.status()).isEqualTo(200);
        assertThat(dh.get("features").size()).isEqualTo(12);
        dh.get("features").forEach(f -> assertThat(f.path("properties").path("code").asString()).startsWith("339902"));
        assertThat(Api.as(baseUrl(), "demo-admin").get("/api/v1/grids.geojson?regionCode=339903100000").get("features").size()).isEqualTo(4);
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/grids.geojson").status()).isEqualTo(403);
    }

    @Test
    void standardAddressesAreSearchedByPrefixAndCarryTheirGrid() {
        Api.Response r = Api.as(baseUrl(), "demo-citizen").get("/api/v1/addresses?q=" + java.net.URLEncoder.encode("柳岸路", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(4);
        assertThat(r.json().get(0).path("gridCode").asString()).startsWith("339902001001");
        assertThat(r.json().get(0).path("fullAddress").asString()).startsWith("示例市东湖区湖滨街道柳岸社区柳岸路");
        Api.Response byFull = Api.as(baseUrl(), "demo-citizen").get("/api/v1/addresses?q="
                + java.net.URLEncoder.encode("示例市西山区", java.nio.charset.StandardCharsets.UTF_8) + "&limit=100");
        assertThat(byFull.json().size()).isEqualTo(16);
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/addresses").namesField("q")).isTrue();
    }

    @Test
    void responsibleDepartmentMostSpecificRuleWins() {
        // 暴露垃圾: DISTRICT → 城市管理局, but 湖滨街道 names its street office
        assertThat(catalog.responsibleDepartment("E0101", "339902001001")).contains("dh-hubin");
        assertThat(catalog.responsibleDepartment("E0101", "339902002001")).contains("dh-urban");
        assertThat(catalog.responsibleDepartment("E0101", "339903001001")).contains("xs-urban");
        // 路面塌陷: CITY → 交通运输局, overridden for 东湖区
        assertThat(catalog.responsibleDepartment("E0401", "339902002002")).contains("dh-urban");
        assertThat(catalog.responsibleDepartment("E0401", "339903100201")).contains("city-transport");
        assertThat(catalog.responsibleDepartment("E0401", "339900000000")).contains("city-transport");
        // 道路不洁: a STREET level rule applies only where the street has a 街道办事处
        assertThat(catalog.responsibleDepartment("E0103", "339902001002")).contains("dh-hubin");
        assertThat(catalog.responsibleDepartment("E0103", "339903100202")).contains("xs-urban");
        // 私搭乱建: STREET → 人民政府 (青石镇人民政府) beats DISTRICT → 城市管理局
        assertThat(catalog.responsibleDepartment("E0506", "339903100202")).contains("xs-qingshi");
        assertThat(catalog.responsibleDepartment("E0506", "339903001001")).contains("xs-urban");
        assertThat(catalog.list()).hasSizeGreaterThanOrEqualTo(40);
        Api.Response r = Api.as(baseUrl(), "demo-officer").get("/api/v1/event-classes/E0101/responsible?regionCode=339902001001");
        assertThat(r.get("departmentId").asString()).isEqualTo("dh-hubin");
    }

    @Test
    void deadlinesCountWorkingHoursAcrossWeekendsAndHolidays() {
        ZoneId sh = ZoneId.of("Asia/Shanghai");
        // 暴露垃圾 4 working hours from Friday 2026-01-09 16:30: 1 h on Friday, 3 h on Monday from 08:30
        Instant friday = ZonedDateTime.of(2026, 1, 9, 16, 30, 0, 0, sh).toInstant();
        assertThat(catalog.deadline("E0101", friday)).isEqualTo(ZonedDateTime.of(2026, 1, 12, 11, 30, 0, 0, sh).toInstant());
        // from Tuesday 2025-09-30 16:30, National Day holiday 10-01..10-08: 1 h, then Thursday 10-09 08:30 + 3 h
        Instant beforeHoliday = ZonedDateTime.of(2025, 9, 30, 16, 30, 0, 0, sh).toInstant();
        assertThat(catalog.deadline("E0101", beforeHoliday)).isEqualTo(ZonedDateTime.of(2025, 10, 9, 11, 30, 0, 0, sh).toInstant());
        // 积存垃圾渣土 1 working day from Friday 2026-01-09: Monday 17:30
        assertThat(catalog.deadline("E0102", friday)).isEqualTo(ZonedDateTime.of(2026, 1, 12, 17, 30, 0, 0, sh).toInstant());
    }

    @Test
    void editingTheCatalogNeedsPermissionAndIsValidated() {
        Map<String, Object> body = Map.of("name", "测试扩展事件", "filingCondition", "测试立案条件", "deadlineAmount", 3,
                "deadlineUnit", "WORKING_DAYS", "closingCondition", "测试结案条件", "active", true);
        Api.Response citizen = Api.as(baseUrl(), "demo-citizen").put("/api/v1/event-classes/E0699", body);
        assertThat(citizen.status()).isEqualTo(403);
        assertThat(Api.as(baseUrl(), "demo-officer").put("/api/v1/event-classes/E0699", body).status()).isEqualTo(403);
        assertThat(catalog.find("E0699")).isEmpty();

        Api.Response bad = Api.as(baseUrl(), "demo-admin").put("/api/v1/event-classes/E0699",
                Map.of("name", "x", "deadlineAmount", 0, "deadlineUnit", "HOURS"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("deadlineAmount")).isTrue();
        assertThat(bad.namesField("deadlineUnit")).isTrue();
        assertThat(bad.namesField("filingCondition")).isTrue();
        assertThat(bad.namesField("closingCondition")).isTrue();
        assertThat(catalog.find("E0699")).isEmpty();

        Api.Response ok = Api.as(baseUrl(), "demo-admin").put("/api/v1/event-classes/E0699", body);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        EventClass c = catalog.find("E0699").orElseThrow();
        assertThat(c.majorName()).isEqualTo("扩展事件");
        assertThat(c.deadlineAmount()).isEqualTo(3);
        assertThat(c.deadlineUnit()).isEqualTo(DeadlineUnit.WORKING_DAYS);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'event-class.create' and target = 'event-class:E0699'",
                Integer.class)).isEqualTo(1);
        Api.Response listed = Api.as(baseUrl(), "demo-citizen").get("/api/v1/event-classes");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("E0699");
    }

    @Test
    void gridWorkersMustHoldGridWorkerThere() {
        Api.Response bad = Api.as(baseUrl(), "demo-admin").put("/api/v1/grids/339902001001002/workers",
                Map.of("officerIds", List.of("demo-clerk", "nobody")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("officerIds[0]")).isTrue();
        assertThat(bad.namesField("officerIds[1]")).isTrue();
        assertThat(directory.workers("339902001001002")).isEmpty();
        Api.Response grids = Api.as(baseUrl(), "demo-admin").get("/api/v1/grids/339902001001001");
        assertThat(grids.status()).isEqualTo(200);
        assertThat(grids.get("workers").size()).isEqualTo(1);
        assertThat(Api.as(baseUrl(), "demo-officer-xishan").get("/api/v1/grids/339902001001001").status()).isEqualTo(404);
        List<String> codes = directory.gridsOfWorker(grids.get("workers").get(0).asString());
        assertThat(codes).containsExactly("339902001001001");
    }
}
