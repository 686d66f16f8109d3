package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** Enterprise accounts: bound to a registered 统一社会信用代码, checked against the legal-entity registry, with authorised agents. */
class EnterpriseAccountTest extends IntegrationTest {

    static final AtomicInteger SEQ = new AtomicInteger(new java.util.Random().nextInt(80_000));

    /** A fresh valid credit code of a company registered in 东湖区 (339902). */
    static String freshCreditCode() {
        String first17 = "91339902MA" + String.format("%07d", SEQ.incrementAndGet() + 1_000_000).substring(0, 7);
        return first17 + ChineseIds.creditCodeCheckChar(first17);
    }

    private String importEntity(String name, String rep, String repId) {
        String code = freshCreditCode();
        Api.Response r = Api.as(baseUrl(), "demo-admin").post("/api/v1/registries/legal-entities/import", List.of(Map.of(
                "creditCode", code, "name", name, "entityType", "COMPANY", "legalRepresentative", rep, "legalRepresentativeIdNumber", repId,
                "registeredAddress", "示例市东湖区文华街道科创路 1 号", "regionCode", "339902002001", "establishedOn", "2021-01-04",
                "status", "ACTIVE", "sourceDepartmentId", "dh-amr")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return code;
    }

    private Map<String, Object> enterprise(String username, String code, String name, String rep, String repId) {
        Map<String, Object> m = new HashMap<>();
        m.put("username", username);
        m.put("password", "Strong#Pass2026");
        m.put("creditCode", code);
        m.put("entityName", name);
        m.put("legalRepName", rep);
        m.put("legalRepIdNumber", repId);
        return m;
    }

    @Test
    void anEnterpriseRegistersWithRegistryDetailsAndManagesItsAgents() {
        String repId = RegistrationApiTest.freshIdNumber();
        String code = importEntity("东湖测试科技有限公司", "周立新", repId);
        String username = RegistrationApiTest.freshUsername("ent");

        Api.Response wrongRep = Api.anonymous(baseUrl()).post("/api/v1/enterprises", enterprise(username, code, "东湖测试科技有限公司", "周立", repId));
        assertThat(wrongRep.status()).isEqualTo(422);
        assertThat(wrongRep.namesField("legalRepName")).isTrue();

        Api.Response created = Api.anonymous(baseUrl()).post("/api/v1/enterprises", enterprise(username, code, "东湖测试科技有限公司", "周立新", repId));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.get("type").asString()).isEqualTo("ENTERPRISE");
        assertThat(created.get("creditCode").asString()).isEqualTo(code);
        assertThat(created.get("legalRepresentativeIdNumber").asString()).contains("*");
        assertThat(jdbc.queryForObject("select legal_rep_id_enc from identity_account where credit_code = ?", String.class, code))
                .startsWith("sm4gcm:").doesNotContain(repId);

        Api.Response again = Api.anonymous(baseUrl()).post("/api/v1/enterprises",
                enterprise(RegistrationApiTest.freshUsername("ent"), code, "东湖测试科技有限公司", "周立新", repId));
        assertThat(again.status()).isEqualTo(409);

        // a citizen becomes an authorised agent
        String agentUser = RegistrationApiTest.freshUsername("agent");
        assertThat(Api.anonymous(baseUrl()).post("/api/v1/citizens", RegistrationApiTest.citizen(agentUser, RegistrationApiTest.freshIdNumber())).status())
                .isEqualTo(201);
        Api.Client ent = Api.as(baseUrl(), username, "Strong#Pass2026");
        Api.Client agent = Api.as(baseUrl(), agentUser, "Strong#Pass2026");
        assertThat(agent.get("/api/v1/me/represented-enterprises").json().size()).isZero();

        Api.Response badDates = ent.post("/api/v1/enterprise/agents", Map.of("agentUsername", agentUser, "validFrom", "2030-01-01", "validUntil", "2029-01-01"));
        assertThat(badDates.status()).isEqualTo(400);
        assertThat(badDates.namesField("validUntil")).isTrue();
        Api.Response unknown = ent.post("/api/v1/enterprise/agents", Map.of("agentUsername", "no-such-user-x", "validUntil", LocalDate.now().plusDays(30).toString()));
        assertThat(unknown.status()).isEqualTo(422);

        Api.Response added = ent.post("/api/v1/enterprise/agents", Map.of("agentUsername", agentUser, "validUntil", LocalDate.now().plusDays(30).toString()));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.get("validToday").asBoolean()).isTrue();
        Api.Response represented = agent.get("/api/v1/me/represented-enterprises");
        assertThat(represented.json().size()).isEqualTo(1);
        assertThat(represented.json().get(0).get("creditCode").asString()).isEqualTo(code);
        assertThat(ent.post("/api/v1/enterprise/agents", Map.of("agentUsername", agentUser, "validUntil", LocalDate.now().plusDays(10).toString())).status())
                .isEqualTo(409);

        // only the enterprise manages its agents; another enterprise cannot touch them
        assertThat(agent.get("/api/v1/enterprise/agents").status()).isEqualTo(403);
        String agentRecord = added.get("id").asString();
        assertThat(Api.as(baseUrl(), "demo-enterprise").delete("/api/v1/enterprise/agents/" + agentRecord).status()).isEqualTo(404);

        assertThat(ent.delete("/api/v1/enterprise/agents/" + agentRecord).status()).isEqualTo(204);
        assertThat(agent.get("/api/v1/me/represented-enterprises").json().size()).isZero();
        assertThat(ent.get("/api/v1/enterprise/agents").json().get(0).get("revoked").asBoolean()).isTrue();
    }

    @Test
    void creditCodesAreValidatedAndCityCodesMustBeRegistered() {
        String repId = RegistrationApiTest.freshIdNumber();
        String code = freshCreditCode();
        char wrong = code.charAt(17) == '0' ? '1' : '0';
        Api.Response invalid = Api.anonymous(baseUrl()).post("/api/v1/enterprises",
                enterprise(RegistrationApiTest.freshUsername("ent"), code.substring(0, 17) + wrong, "某公司", "周立新", repId));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.namesField("creditCode")).isTrue();

        Api.Response unregistered = Api.anonymous(baseUrl()).post("/api/v1/enterprises",
                enterprise(RegistrationApiTest.freshUsername("ent"), code, "某公司", "周立新", repId));
        assertThat(unregistered.status()).isEqualTo(422);
        assertThat(unregistered.problemCode()).isEqualTo("credit-code-not-registered");

        // registered in another city: this city's registry is not the authority, the account is self-declared
        String first17 = "91110105MA" + code.substring(10, 17);
        Api.Response elsewhere = Api.anonymous(baseUrl()).post("/api/v1/enterprises",
                enterprise(RegistrationApiTest.freshUsername("ent"), first17 + ChineseIds.creditCodeCheckChar(first17), "外地某公司", "周立新", repId));
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(201);
        assertThat(elsewhere.get("realNameLevel").asString()).isEqualTo("SELF_DECLARED");
    }

    @Test
    void theDemoEnterpriseIsBoundToTheRegistry() {
        Api.Response me = Api.as(baseUrl(), "demo-enterprise").get("/api/v1/me");
        assertThat(me.get("creditCode").asString()).isEqualTo("91339902MA2YW0001P");
        assertThat(me.get("entityName").asString()).isEqualTo("示例科技有限公司");
        assertThat(me.get("legalRepresentativeName").asString()).isEqualTo("王建国");
        assertThat(me.get("realNameLevel").asString()).isEqualTo("REGISTRY_VERIFIED");
        assertThat(me.get("subjectId").isString()).isTrue();
    }
}
