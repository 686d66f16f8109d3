package org.yiwang.registries;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** The registries REST API over HTTP: permissions, scope, masking by role, audited full reads, multipart import. */
class RegistryApiTest extends IntegrationTest {

    @Autowired
    PersonRegistry persons;

    @Test
    void officersSeeMaskedRecordsInTheirDistrictAndAdminsSeeThemInFull() {
        String zhang = persons.findByIdNumber("339902199003071232").orElseThrow().id();
        String li = persons.findByIdNumber("339903198511204566").orElseThrow().id();

        Api.Response masked = Api.as(baseUrl(), "demo-officer").get("/api/v1/registries/persons/" + zhang);
        assertThat(masked.status()).as(masked.body()).isEqualTo(200);
        assertThat(masked.get("idNumber").asString()).isEqualTo("339***********1232");
        assertThat(masked.get("phone").asString()).isEqualTo("138****0001");
        assertThat(masked.get("masked").asBoolean()).isTrue();
        assertThat(masked.body()).doesNotContain("339902199003071232").doesNotContain("13800000001");
        assertThat(Api.as(baseUrl(), "demo-officer").get("/api/v1/registries/persons/" + li).status()).as("西山区 is out of scope").isEqualTo(404);
        assertThat(Api.as(baseUrl(), "demo-officer-xishan").get("/api/v1/registries/persons/" + li).status()).isEqualTo(200);

        int before = jdbc.queryForObject("select count(*) from audit_entry where action = 'personal-data.read' and target = ?",
                Integer.class, "person:" + zhang);
        Api.Response full = Api.as(baseUrl(), "demo-admin").post("/api/v1/registries/persons/search", Map.of("idNumber", "339902199003071232"));
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.json().get(0).get("idNumber").asString()).isEqualTo("339902199003071232");
        assertThat(full.json().get(0).get("name").asString()).isEqualTo("张明华");
        assertThat(full.json().get(0).get("masked").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'personal-data.read' and target = ?",
                Integer.class, "person:" + zhang)).isGreaterThan(before);

        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/registries/persons/" + zhang).status()).isEqualTo(403);
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/registries/persons/" + zhang).status()).isEqualTo(401);
        Api.Response noId = Api.as(baseUrl(), "demo-officer").post("/api/v1/registries/persons/search", Map.of("idNumber", ""));
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.namesField("idNumber")).isTrue();
    }

    @Test
    void legalEntitiesBySearchAndCreditCode() {
        Api.Response found = Api.as(baseUrl(), "demo-officer").get("/api/v1/registries/legal-entities?creditCode=91339902MA2YW0001P");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.get("items").get(0).get("name").asString()).isEqualTo("示例科技有限公司");
        assertThat(found.get("items").get(0).get("legalRepresentativeIdNumber").asString()).isEqualTo("339***********3216");
        String id = found.get("items").get(0).get("id").asString();
        assertThat(Api.as(baseUrl(), "demo-officer").get("/api/v1/registries/legal-entities/" + id).get("statusName").asString()).isEqualTo("存续");
        Api.Response xishan = Api.as(baseUrl(), "demo-officer").post("/api/v1/registries/legal-entities/search",
                Map.of("creditCode", "92339903MA2YW00026"));
        assertThat(xishan.json()).as("西山区 entity is out of 东湖区 scope").isEmpty();
        Api.Response page = Api.as(baseUrl(), "demo-admin").get("/api/v1/registries/legal-entities?limit=5");
        assertThat(page.get("items")).hasSize(5);
        assertThat(page.get("total").asInt()).isGreaterThanOrEqualTo(8);
        assertThat(Api.as(baseUrl(), "demo-admin").get("/api/v1/registries/legal-entities?limit=500").status()).isEqualTo(400);
    }

    @Test
    void personListsAreMaskedPagedAndFilteredByRegionSubtree() {
        Api.Response street = Api.as(baseUrl(), "demo-admin").get("/api/v1/registries/persons?regionCode=339902001000&limit=100");
        assertThat(street.status()).isEqualTo(200);
        assertThat(street.get("items")).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("regionCode").asString()).startsWith("339902001");
            assertThat(p.get("masked").asBoolean()).as("lists are masked even for full readers").isTrue();
        });
        assertThat(street.body()).doesNotContain("339902199003071232");
        Api.Response page = Api.as(baseUrl(), "demo-officer-xishan").get("/api/v1/registries/persons?limit=3&offset=0");
        assertThat(page.get("items")).hasSize(3);
        assertThat(page.get("total").asInt()).isGreaterThan(3);
        assertThat(page.get("items")).allSatisfy(p -> assertThat(p.get("regionCode").asString()).startsWith("339903"));
        Api.Response bad = Api.as(baseUrl(), "demo-admin").get("/api/v1/registries/persons?regionCode=3399");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("regionCode")).isTrue();
    }

    @Test
    void multipartImportIsAllOrNothingAndNeedsThePermission() throws Exception {
        String header = "居民身份证号,姓名,手机号码,住址,所在社区,提供部门\n";
        String badRow = "339902199202020015,接口甲,13900009999,,339902002002,city-psb\n"; // wrong check character (5, not the computed one)
        String goodRow = "339902199202020016,接口乙,,,339902002002,city-psb\n";
        HttpResponse<String> forbidden = upload("demo-officer", header + badRow + goodRow);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        HttpResponse<String> bad = upload("demo-admin", header + badRow + goodRow);
        assertThat(bad.statusCode()).isEqualTo(400);
        Api.Response parsed = new Api.Response(bad.statusCode(), bad.body(), Api.JSON.readTree(bad.body()), bad.headers());
        assertThat(parsed.get("errors")).hasSize(1);
        assertThat(parsed.namesField("rows[1].idNumber")).isTrue();
        assertThat(persons.findByIdNumber("339902199202020016")).as("nothing written").isEmpty();
        HttpResponse<String> ok = upload("demo-admin", header + goodRow);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("\"created\":1");
        assertThat(persons.findByIdNumber("339902199202020016")).get().extracting(PersonRecord::name).isEqualTo("接口乙");
    }

    private HttpResponse<String> upload(String user, String csv) throws Exception {
        String boundary = "----yiwang" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"persons.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/registries/persons/import"))
                .header("Authorization", "Bearer " + Api.as(baseUrl(), user).token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
