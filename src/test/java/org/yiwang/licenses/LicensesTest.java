package org.yiwang.licenses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.yiwang.shared.ids.ElectronicLicenseIds;
import org.yiwang.shared.web.ProblemException;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * Electronic licenses (电子证照): issuance with the GB/T 36904 identifier and the department's SM2 seal, idempotent
 * issue per source, bad input naming the fields, public verification (valid, unknown 404, malformed / wrong check
 * character / tampered data 422, revoked), revocation (403 without permission or out of scope, 400 without reason,
 * 409 twice, audited), holders' and officers' scoped lists, 免提交 lookups and the PDF document.
 */
class LicensesTest extends IntegrationTest {

    @Autowired
    Licenses licenses;

    private String demoId(String sourceRef) {
        return jdbc.queryForObject("select id from license where source_ref = ?", String.class, sourceRef);
    }

    private String accountId(String username) {
        return jdbc.queryForObject("select id from identity_account where username = ?", String.class, username);
    }

    private static List<String> ids(Api.Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : r.json()) {
            out.add(n.get("id").asString());
        }
        return out;
    }

    private String issueBusinessLicence(String sourceRef) {
        return licenses.issue(new IssueRequest("营业执照", "dh-amr",
                LicenseHolder.legalEntity("示例科技有限公司", "91339902MA2YW0001P", null),
                Map.of("entityType", "有限责任公司", "legalRepresentative", "王建国", "establishedOn", "2018-06-12",
                        "address", "示例市东湖区文华街道科创路 88 号", "businessScope", "软件开发"), null, null, sourceRef));
    }

    @Test
    void issuedLicenseCarriesAValidIdentifierAndVerifiesPublicly() {
        String ref = "T-" + UUID.randomUUID().toString().substring(0, 8);
        String id = issueBusinessLicence(ref);
        assertThat(ElectronicLicenseIds.isValid(id)).isTrue();
        ElectronicLicenseIds.Parts parts = ElectronicLicenseIds.parse(id).orElseThrow();
        assertThat(parts.typeCode()).isEqualTo("11339900MB0001002W001");
        assertThat(parts.issuerCode()).isEqualTo("11339902MB00020021"); // 东湖区市场监督管理局
        assertThat(parts.version()).isEqualTo("001");
        assertThat(issueBusinessLicence(ref)).as("same type and source: the first license").isEqualTo(id);
        assertThat(issueBusinessLicence(ref + "b")).isNotEqualTo(id);

        Api.Response v = Api.anonymous(baseUrl()).get("/api/v1/licenses/verify/" + id);
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.get("valid").asBoolean()).isTrue();
        assertThat(v.get("status").asString()).isEqualTo("VALID");
        assertThat(v.get("signatureValid").asBoolean()).isTrue();
        assertThat(v.get("issuerName").asString()).isEqualTo("东湖区市场监督管理局");
        assertThat(v.get("digest").asString()).hasSize(64);

        License l = licenses.find(id).orElseThrow();
        assertThat(l.validUntil()).as("营业执照 is long-term").isNull();
        assertThat(l.validFrom()).isEqualTo(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        assertThat(licenses.validFor("91339902MA2YW0001P", "营业执照")).isPresent();
        assertThat(licenses.validFor("91339902MA2YW0001P", "11339900MB0001002W001")).isPresent();
        assertThat(licenses.validFor("91339902MA2YW0001P", "食品经营许可证")).isEmpty();
        assertThat(licenses.validForAccount(accountId("demo-enterprise"), "营业执照")).as("matched by the entity's registry id").isPresent();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'license.issue' and target = ?",
                Integer.class, "license:" + id)).isEqualTo(1);
    }

    @Test
    void badIssueRequestsNameTheFields() {
        assertThatThrownBy(() -> licenses.issue(new IssueRequest("营业执照", "dh-amr",
                LicenseHolder.legalEntity("示例科技有限公司", "91339902MA2YW0001Q", null),
                Map.of("entityType", "有限责任公司", "colour", "red"), null, null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.violations()).extracting(f -> f.field()).contains("holder.identifier", "data.colour",
                            "data.legalRepresentative", "data.address");
                });
        assertThatThrownBy(() -> licenses.issue(new IssueRequest("没有这种证", "nowhere",
                LicenseHolder.person("张明华", "339902199003071232", null), Map.of(), null, null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e ->
                        assertThat(e.violations()).extracting(f -> f.field()).contains("typeCode", "departmentId"));
        assertThatThrownBy(() -> licenses.issue(new IssueRequest("居民户口簿", "city-psb",
                LicenseHolder.legalEntity("示例科技有限公司", "91339902MA2YW0001P", null),
                Map.of("householder", "张明华", "relation", "户主", "address", "x"), LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 1), null)))
                .isInstanceOfSatisfying(ProblemException.class, e ->
                        assertThat(e.violations()).extracting(f -> f.field()).contains("holder.kind", "validUntil"));
    }

    @Test
    void verificationRejectsMalformedForgedAndUnknownIdentifiers() {
        Api.Client anon = Api.anonymous(baseUrl());
        Api.Response malformed = anon.get("/api/v1/licenses/verify/not-a-license");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.problemCode()).isEqualTo("malformed-license-id");
        assertThat(malformed.header("Content-Type")).contains("application/problem+json");

        String id = demoId("DEMO-BL-0001");
        char check = id.charAt(id.length() - 1);
        String wrongCheck = id.substring(0, id.length() - 1) + (check == 'A' ? 'B' : 'A');
        Api.Response forged = anon.get("/api/v1/licenses/verify/" + wrongCheck);
        assertThat(forged.status()).isEqualTo(422);
        assertThat(forged.problemCode()).isEqualTo("license-id-check-failed");
        assertThat(forged.get("messageZh").asString()).contains("校验位");

        String unknown = ElectronicLicenseIds.format("11339900MB0001002W001", "11339902MB00020021", "99999999", "001");
        Api.Response missing = anon.get("/api/v1/licenses/verify/" + unknown);
        assertThat(missing.status()).isEqualTo(404);

        // data altered in the database after sealing: the seal no longer verifies
        String tampered = issueBusinessLicence("T-" + UUID.randomUUID().toString().substring(0, 8));
        jdbc.update("update license set holder_name = ? where id = ?", "冒名科技有限公司", tampered);
        Api.Response bad = anon.get("/api/v1/licenses/verify/" + tampered);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.problemCode()).isEqualTo("license-signature-invalid");
        // a signature copied from another license does not verify either
        String other = issueBusinessLicence("T-" + UUID.randomUUID().toString().substring(0, 8));
        jdbc.update("update license set holder_name = ?, signature = (select signature from license where id = ?) where id = ?",
                "示例科技有限公司", id, other);
        assertThat(anon.get("/api/v1/licenses/verify/" + other).problemCode()).isEqualTo("license-signature-invalid");
    }

    @Test
    void revocationNeedsPermissionScopeAndReasonAndIsAudited() {
        String id = issueBusinessLicence("T-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, Object> reason = Map.of("reason", "以欺骗手段取得登记（测试）");
        assertThat(Api.as(baseUrl(), "demo-citizen").post("/api/v1/licenses/" + id + "/revoke", reason).status()).isEqualTo(403);
        assertThat(Api.as(baseUrl(), "demo-officer-xishan").post("/api/v1/licenses/" + id + "/revoke", reason).status())
                .as("西山区 officer, 东湖区 license").isEqualTo(403);
        Api.Client officer = Api.as(baseUrl(), "demo-officer");
        Api.Response noReason = officer.post("/api/v1/licenses/" + id + "/revoke", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.namesField("reason")).isTrue();

        Api.Response ok = officer.post("/api/v1/licenses/" + id + "/revoke", reason);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.get("status").asString()).isEqualTo("REVOKED");
        assertThat(ok.get("revokeReason").asString()).isEqualTo("以欺骗手段取得登记（测试）");
        assertThat(officer.post("/api/v1/licenses/" + id + "/revoke", reason).status()).isEqualTo(409);

        Api.Response v = Api.anonymous(baseUrl()).get("/api/v1/licenses/verify/" + id);
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("status").asString()).isEqualTo("REVOKED");
        assertThat(v.get("revokeReason").asString()).contains("欺骗");
        assertThat(licenses.validFor("91339902MA2YW0001P", "营业执照").map(License::id)).isNotEqualTo(java.util.Optional.of(id));
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'license.revoke' and target = ?",
                Integer.class, "license:" + id)).isEqualTo(1);
        assertThat(Api.as(baseUrl(), "demo-officer").post("/api/v1/licenses/" + demoId("DEMO-BL-0002") + "/revoke", reason).status())
                .as("西山区 license, 东湖区 officer").isEqualTo(403);
    }

    @Test
    void holdersSeeTheirOwnLicensesAndOfficersTheirScope() {
        Api.Response citizen = Api.as(baseUrl(), "demo-citizen").get("/api/v1/licenses");
        assertThat(citizen.status()).isEqualTo(200);
        assertThat(ids(citizen)).contains(demoId("DEMO-ID-0001"), demoId("DEMO-HH-0001"), demoId("DEMO-DL-0001"))
                .doesNotContain(demoId("DEMO-BL-0001"), demoId("DEMO-RP-0002"));
        JsonNode first = citizen.json().get(0);
        assertThat(first.get("holderIdentifier").asString()).doesNotContain("199003071232").contains("*");

        Api.Response enterprise = Api.as(baseUrl(), "demo-enterprise").get("/api/v1/licenses?type=营业执照");
        assertThat(ids(enterprise)).contains(demoId("DEMO-BL-0001")).doesNotContain(demoId("DEMO-BL-0003"), demoId("DEMO-ID-0001"));
        assertThat(Api.as(baseUrl(), "demo-enterprise").get("/api/v1/licenses/" + demoId("DEMO-ID-0001")).status()).isEqualTo(404);

        Api.Response xishan = Api.as(baseUrl(), "demo-officer-xishan").get("/api/v1/licenses");
        assertThat(ids(xishan)).contains(demoId("DEMO-BL-0002")).doesNotContain(demoId("DEMO-BL-0001"), demoId("DEMO-ID-0001"));
        Api.Response donghu = Api.as(baseUrl(), "demo-officer").get("/api/v1/licenses");
        assertThat(ids(donghu)).contains(demoId("DEMO-BL-0001"), demoId("DEMO-FB-0003")).doesNotContain(demoId("DEMO-BL-0002"));
        assertThat(Api.as(baseUrl(), "demo-gridworker").get("/api/v1/licenses").status()).as("no license:read").isEqualTo(403);
        assertThat(Api.as(baseUrl(), "demo-admin").get("/api/v1/licenses?type=nothing").status()).isEqualTo(400);

        assertThat(licenses.heldBy(accountId("demo-citizen"))).extracting(License::typeName)
                .contains("居民身份证", "居民户口簿", "机动车驾驶证");
        assertThat(licenses.validFor("339902199003071232", "居民身份证")).isPresent();
        assertThat(licenses.validFor("339903198511204566", "居住证")).as("revoked").isEmpty();
    }

    @Test
    void holderDownloadsTheSealedDocument() throws Exception {
        String id = demoId("DEMO-BL-0001");
        String token = Api.login(baseUrl(), "demo-enterprise", Api.DEMO_PASSWORD);
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/licenses/" + id + "/document"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(id).contains("91339902MA2YW0001P").contains("/licenses/verify/" + id).contains("SM3");
            if (new java.io.File("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").canRead()) {
                assertThat(text).contains("营业执照").contains("示例科技有限公司").contains("东湖区市场监督管理局");
            }
        }
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/licenses/" + id + "/document").status()).isEqualTo(404);
    }

    @Test
    void adminsManageLicenseTypes() {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        Map<String, Object> type = Map.of("name", "测试许可证" + UUID.randomUUID().toString().substring(0, 4), "nameEn", "Test permit",
                "issuingLevel", "CITY", "holderKind", "LEGAL_ENTITY", "validityYears", 3,
                "fields", List.of(Map.of("key", "scope", "label", "范围", "labelEn", "Scope", "required", true)));
        Api.Response bad = admin.put("/api/v1/licenses/types/12345", type);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("code")).isTrue();
        Api.Response ok = admin.put("/api/v1/licenses/types/11339900MB0001002W099", type);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.get("validityYears").asInt()).isEqualTo(3);
        assertThat(Api.as(baseUrl(), "demo-officer").put("/api/v1/licenses/types/11339900MB0001002W099", type).status()).isEqualTo(403);
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/licenses/types").json().size()).isGreaterThanOrEqualTo(18);
        String id = licenses.issue(new IssueRequest("11339900MB0001002W099", "city-amr",
                LicenseHolder.legalEntity("示例科技有限公司", "91339902MA2YW0001P", null), Map.of("scope", "测试"), LocalDate.of(2026, 1, 1),
                null, null));
        assertThat(licenses.find(id).orElseThrow().validUntil()).isEqualTo(LocalDate.of(2028, 12, 31));

        // concurrent first issues of a new (type, issuer): one serial each, no aborted transaction
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> issued = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                issued.add(pool.submit(() -> licenses.issue(new IssueRequest("11339900MB0001002W099", "xs-amr",
                        LicenseHolder.legalEntity("西山农产品经营部", "92339903MA2YW00026", null), Map.of("scope", "并发"), null, null, null))));
            }
            List<String> serials = new ArrayList<>();
            for (var f : issued) {
                serials.add(ElectronicLicenseIds.parse(f.get()).orElseThrow().serial());
            }
            assertThat(serials).containsExactlyInAnyOrder("00000001", "00000002", "00000003", "00000004");
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
    }
}
