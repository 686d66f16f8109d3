package org.yiwang.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

class ServiceCatalogApiTest extends IntegrationTest {

    /** city-amr's credit code (示例市市场监督管理局) and dh-amr's (东湖区市场监督管理局). */
    static final String CITY_AMR = "11339900MB0001002W";
    static final String DH_AMR = "11339902MB00020021";

    private List<String> names(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().forEach(n -> out.add(n.get("name").asString()));
        return out;
    }

    private Api.Response search(String query) {
        return Api.anonymous(baseUrl()).get("/api/v1/services?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void searchFindsTheRightItemsFirst() {
        List<String> licence = names(search("营业执照"));
        assertThat(licence.subList(0, 2)).allMatch(n -> n.equals("企业设立登记") || n.equals("个体工商户登记"));
        assertThat(names(search("开公司")).get(0)).isEqualTo("企业设立登记");
        List<String> baby = names(search("生孩子"));
        assertThat(baby.get(0)).isIn("出生登记", "出生医学证明");
        assertThat(baby.subList(0, 3)).contains("出生登记", "出生医学证明");
        assertThat(names(search("驾照")).get(0)).isEqualTo("机动车驾驶证换证");
        assertThat(names(search("社保卡")).get(0)).isEqualTo("社会保障卡申领");
        Api.Response r = search("营业执照");
        assertThat(r.json().get(0).get("highlight").asString()).contains("<em>");
        assertThat(names(search("完全无关的火星词汇xyz"))).isEmpty();
    }

    @Test
    void filtersByZoneDepartmentAndLevel() {
        Api.Client anon = Api.anonymous(baseUrl());
        Api.Response birth = anon.get("/api/v1/services?zone=BIRTH&limit=200");
        assertThat(names(birth)).contains("出生登记", "出生医学证明").doesNotContain("企业设立登记");
        birth.json().forEach(n -> assertThat(n.get("zones").toString()).contains("BIRTH"));
        assertThat(names(anon.get("/api/v1/services?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7&zone=%E5%87%BA%E7%94%9F"))).isEmpty();
        Api.Response district = anon.get("/api/v1/services?level=DISTRICT&department=dh-amr&limit=200");
        assertThat(names(district)).contains("企业设立登记", "个体工商户登记");
        district.json().forEach(n -> assertThat(n.get("departmentId").asString()).isEqualTo("dh-amr"));
        assertThat(anon.get("/api/v1/services?zone=NOPE").status()).isEqualTo(400);
        Api.Response zones = anon.get("/api/v1/service-zones");
        assertThat(zones.status()).isEqualTo(200);
        assertThat(zones.body()).contains("BUSINESS_START", "企业开办");
    }

    @Test
    void publicGetsWorkWithoutSignIn() {
        Api.Client anon = Api.anonymous(baseUrl());
        String id = anon.get("/api/v1/services?q=%E5%87%BA%E7%94%9F%E7%99%BB%E8%AE%B0").json().get(0).get("id").asString();
        Api.Response item = anon.get("/api/v1/services/" + id);
        assertThat(item.status()).as(item.body()).isEqualTo(200);
        assertThat(item.get("name").asString()).isEqualTo("出生登记");
        assertThat(item.get("formSchema").get("type").asString()).isEqualTo("object");
        assertThat(item.get("materials").get(0).get("exempt").asBoolean()).isTrue();
        assertThat(item.get("status").asString()).isEqualTo("PUBLISHED");
        Api.Response byCode = anon.get("/api/v1/services/" + item.get("implementationCode").asString());
        assertThat(byCode.get("id").asString()).isEqualTo(id);
        assertThat(anon.get("/api/v1/services/nope").status()).isEqualTo(404);
        assertThat(anon.get("/api/v1/admin/services").status()).isEqualTo(401);
    }

    @Test
    void adminEndpointsAreForbiddenToCitizens() {
        Api.Client citizen = Api.as(baseUrl(), "demo-citizen");
        assertThat(citizen.get("/api/v1/admin/services").status()).isEqualTo(403);
        assertThat(citizen.post("/api/v1/admin/services", item("XK09901000", CITY_AMR + "1099010001001", "city-amr", "测试事项")).status()).isEqualTo(403);
        assertThat(citizen.post("/api/v1/admin/services/import", List.of()).status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from services_item where name = '测试事项'", Integer.class)).isZero();
    }

    static Map<String, Object> item(String basicCode, String implementationCode, String departmentId, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("basicCode", basicCode);
        m.put("implementationCode", implementationCode);
        m.put("name", name);
        m.put("type", "行政许可");
        m.put("legalBasis", "《示例条例》第一条");
        m.put("statutoryDays", 20);
        m.put("promisedDays", 5);
        m.put("departmentId", departmentId);
        m.put("handlingType", 2);
        m.put("fees", List.of());
        m.put("materials", List.of(Map.of("name", "居民身份证", "required", true, "originals", 1, "copies", 0,
                "licenseType", "居民身份证", "registryLookup", "PERSON")));
        m.put("formSchema", Map.of("type", "object", "properties", Map.of(
                "applicantName", Map.of("type", "string", "title", "申请人", "maxLength", 20),
                "phone", Map.of("type", "string", "title", "电话", "pattern", "^1\\d{10}$"),
                "startDate", Map.of("type", "string", "title", "日期", "format", "date")),
                "required", List.of("applicantName", "phone")));
        m.put("keywords", List.of("测试"));
        m.put("synonyms", List.of());
        m.put("zones", List.of("企业开办"));
        return m;
    }

    @Test
    void createValidatesCodesTimeLimitsAndSameEverywhere() {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        // 承诺 > 法定
        Map<String, Object> slow = item("XK09902000", CITY_AMR + "1099020001001", "city-amr", "时限测试");
        slow.put("promisedDays", 30);
        Api.Response r = admin.post("/api/v1/admin/services", slow);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.namesField("promisedDays")).isTrue();
        // 实施编码 of another department
        r = admin.post("/api/v1/admin/services", item("XK09902000", DH_AMR + "1099020001001", "city-amr", "编码测试"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.namesField("implementationCode")).isTrue();
        // 实施编码 with a bad credit code check character
        r = admin.post("/api/v1/admin/services", item("XK09902000", "11339900MB0001002X" + "1099020001001", "city-amr", "编码测试"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.namesField("implementationCode")).isTrue();
        // bad 基本编码 shape
        r = admin.post("/api/v1/admin/services", item("X0099020", CITY_AMR + "1099020001001", "city-amr", "编码测试"));
        assertThat(r.namesField("basicCode")).isTrue();
        // 三级四同: 企业设立登记 (XK00101000) is published at city level; a district version with another name is refused
        r = admin.post("/api/v1/admin/services", item("XK00101000", DH_AMR + "1001010002099", "dh-amr", "公司开办登记"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.namesField("name")).isTrue();
        Map<String, Object> sameName = item("XK00101000", DH_AMR + "1001010002099", "dh-amr", "企业设立登记");
        r = admin.post("/api/v1/admin/services", sameName);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.namesField("legalBasis")).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from services_item where implementation_code like '%1099020001001' or implementation_code = ?",
                Integer.class, DH_AMR + "1001010002099")).isZero();
    }

    @Test
    void publishingANewVersionRetiresTheOldOne() {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        Api.Response created = admin.post("/api/v1/admin/services", item("XK09903000", CITY_AMR + "1099030001001", "city-amr", "版本测试事项"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String v1 = created.get("id").asString();
        assertThat(created.get("status").asString()).isEqualTo("DRAFT");
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/services/" + v1).status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/admin/services/" + v1 + "/publish", null).get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(names(search("版本测试事项")).get(0)).isEqualTo("版本测试事项");

        Map<String, Object> changed = item("XK09903000", CITY_AMR + "1099030001001", "city-amr", "版本测试事项");
        changed.put("promisedDays", 3);
        Api.Response draft = admin.post("/api/v1/admin/services/" + v1 + "/versions", changed);
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(draft.get("version").asInt()).isEqualTo(2);
        String v2 = draft.get("id").asString();
        assertThat(admin.put("/api/v1/admin/services/" + v1, changed).status()).isEqualTo(409);
        assertThat(admin.post("/api/v1/admin/services/" + v2 + "/publish", null).status()).isEqualTo(200);

        Api.Response versions = Api.anonymous(baseUrl()).get("/api/v1/services/" + v2 + "/versions");
        assertThat(versions.json().get(0).get("status").asString()).isEqualTo("RETIRED");
        assertThat(versions.json().get(1).get("status").asString()).isEqualTo("PUBLISHED");
        JsonNode hit = search("版本测试事项").json().get(0);
        assertThat(hit.get("id").asString()).isEqualTo(v2);
        assertThat(hit.get("promisedDays").asInt()).isEqualTo(3);
        // the retired version stays readable for applications that reference it
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/services/" + v1).get("status").asString()).isEqualTo("RETIRED");
        assertThat(admin.post("/api/v1/admin/services/" + v2 + "/retire", null).get("status").asString()).isEqualTo("RETIRED");
        assertThat(names(search("版本测试事项"))).doesNotContain("版本测试事项");
    }

    @Test
    void importWithBadRowsWritesNothing() {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        Map<String, Object> good = item("XK09904000", CITY_AMR + "1099040001001", "city-amr", "导入测试事项");
        Map<String, Object> bad = item("XK09905000", CITY_AMR + "1099050001001", "city-amr", "导入坏行");
        bad.put("promisedDays", 99);
        Map<String, Object> badDistrict = item("XK09904000", DH_AMR + "1099040002001", "dh-amr", "导入测试事项（区）");
        Api.Response r = admin.post("/api/v1/admin/services/import", List.of(good, bad, badDistrict));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.namesField("rows[2].promisedDays")).isTrue();
        assertThat(r.namesField("rows[3].name")).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from services_item where name like '导入%'", Integer.class)).isZero();

        Map<String, Object> district = item("XK09904000", DH_AMR + "1099040002001", "dh-amr", "导入测试事项");
        district.put("promisedDays", 3);
        r = admin.post("/api/v1/admin/services/import", List.of(good, district));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.get("created").asInt()).isEqualTo(2);
        r = admin.post("/api/v1/admin/services/import", List.of(good, district));
        assertThat(r.get("unchanged").asInt()).isEqualTo(2);
        assertThat(names(Api.anonymous(baseUrl()).get("/api/v1/services?q=%E5%AF%BC%E5%85%A5%E6%B5%8B%E8%AF%95")).subList(0, 2))
                .containsExactly("导入测试事项", "导入测试事项");
    }

    @Test
    void formDataIsValidatedAgainstTheSchema() {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        Api.Response created = admin.post("/api/v1/admin/services", item("XK09906000", CITY_AMR + "1099060001001", "city-amr", "表单测试事项"));
        String id = created.get("id").asString();
        admin.post("/api/v1/admin/services/" + id + "/publish", null);
        Api.Client citizen = Api.as(baseUrl(), "demo-citizen");
        Api.Response r = citizen.post("/api/v1/services/" + id + "/form/validate", Map.of("phone", "12345", "startDate", "2026-13-45"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.get("valid").asBoolean()).isFalse();
        assertThat(r.get("errors").has("applicantName")).as(r.body()).isTrue();
        assertThat(r.get("errors").has("phone")).as(r.body()).isTrue();
        assertThat(r.get("errors").has("startDate")).as(r.body()).isTrue();
        r = citizen.post("/api/v1/services/" + id + "/form/validate", Map.of("applicantName", "张明华", "phone", "13800000001", "startDate", "2026-03-01"));
        assertThat(r.get("valid").asBoolean()).as(r.body()).isTrue();
        // a schema outside the supported subset is refused
        Map<String, Object> badSchema = item("XK09907000", CITY_AMR + "1099070001001", "city-amr", "坏表单");
        badSchema.put("formSchema", Map.of("type", "object", "properties", Map.of("x", Map.of("type", "array"))));
        Api.Response refused = admin.post("/api/v1/admin/services", badSchema);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.namesField("formSchema.properties.x.type")).as(refused.body()).isTrue();
    }

    @Test
    void demoCatalogIsLoaded() {
        assertThat(jdbc.queryForObject("select count(distinct basic_code) from services_item where status = 'PUBLISHED'", Integer.class))
                .isGreaterThanOrEqualTo(30);
        assertThat(jdbc.queryForObject("select count(distinct department_id) from services_item", Integer.class)).isGreaterThanOrEqualTo(6);
        // the same item at city and district level (三级四同)
        assertThat(jdbc.queryForObject("select count(distinct exercise_level) from services_item where basic_code = 'XK00101000'", Integer.class))
                .isEqualTo(2);
    }
}
