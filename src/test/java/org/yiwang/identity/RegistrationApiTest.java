package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** {@code POST /api/v1/citizens}: the happy path and every kind of bad input. */
class RegistrationApiTest extends IntegrationTest {

    static final AtomicInteger SEQ = new AtomicInteger(new java.util.Random().nextInt(20_000));

    /**
     * A fresh valid resident ID number unique in this run: 东湖区 339902, a birth date counted from 1950 and
     * sequence 9xx (the demo registries use other sequences).
     */
    static String freshIdNumber() {
        int n = SEQ.incrementAndGet();
        String birth = java.time.LocalDate.of(1950, 1, 1).plusDays(n % 18_000).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "339902" + birth + (900 + n / 18_000 % 100);
        return first17 + ChineseIds.residentIdCheckChar(first17);
    }

    static String freshUsername(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> citizen(String username, String idNumber) {
        Map<String, Object> m = new HashMap<>();
        m.put("username", username);
        m.put("password", "Strong#Pass2026");
        m.put("name", "赵新民");
        m.put("idNumber", idNumber);
        m.put("phone", "13912345678");
        return m;
    }

    @Test
    void registersACitizenWithEncryptedPersonalData() {
        String username = freshUsername("reg");
        String id = freshIdNumber();
        Api.Response r = Api.anonymous(baseUrl()).post("/api/v1/citizens", citizen(username, id));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String accountId = r.get("id").asString();
        assertThat(r.header("Location")).isEqualTo("/api/v1/accounts/" + accountId);
        assertThat(r.get("type").asString()).isEqualTo("CITIZEN");
        assertThat(r.get("realNameLevel").asString()).isEqualTo("SELF_DECLARED");
        assertThat(r.get("idNumber").asString()).isNotEqualTo(id).contains("*"); // masked to an anonymous caller

        Map<String, Object> row = jdbc.queryForMap("select * from identity_account where id = ?", accountId);
        assertThat(row.values().stream().map(String::valueOf)).noneMatch(v -> v.contains(id) || v.contains("13912345678") || v.contains("赵新民"));
        assertThat((String) row.get("id_number_enc")).startsWith("sm4gcm:");
        assertThat((String) row.get("password_hash")).startsWith("$argon2id$");

        Api.Response me = Api.as(baseUrl(), username, "Strong#Pass2026").get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.get("idNumber").asString()).isEqualTo(id); // the holder sees own data
        assertThat(me.get("phone").asString()).isEqualTo("13912345678");
        assertThat(me.get("roles").toString()).contains("CITIZEN");
    }

    @Test
    void invalidIdCheckCharacterIsRejectedNamingTheField() {
        String id = freshIdNumber();
        char wrong = id.charAt(17) == '1' ? '2' : '1';
        Api.Response r = Api.anonymous(baseUrl()).post("/api/v1/citizens", citizen(freshUsername("bad"), id.substring(0, 17) + wrong));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.namesField("idNumber")).as(r.toString()).isTrue();
        assertThat(r.namesField("password")).isFalse();
    }

    @Test
    void everyBadFieldIsNamedAtOnceAndNothingIsWritten() {
        int before = jdbc.queryForObject("select count(*) from identity_account", Integer.class);
        Map<String, Object> body = Map.of("username", "x", "password", "short", "name", "", "idNumber", "123", "phone", "12");
        Api.Response r = Api.anonymous(baseUrl()).post("/api/v1/citizens", body);
        assertThat(r.status()).isEqualTo(400);
        for (String f : new String[] {"username", "password", "name", "idNumber", "phone"}) {
            assertThat(r.namesField(f)).as(f + " in " + r).isTrue();
        }
        assertThat(jdbc.queryForObject("select count(*) from identity_account", Integer.class)).isEqualTo(before);
    }

    @Test
    void weakPasswordsAreRejectedNamingPassword() {
        String username = freshUsername("weak");
        for (String weak : new String[] {"alllower#1", "ALLUPPER#1", "NoDigits#here", "NoSymbol123", "Sh#1a", username + "#A1x"}) {
            Map<String, Object> body = citizen(username, freshIdNumber());
            body.put("password", weak);
            Api.Response r = Api.anonymous(baseUrl()).post("/api/v1/citizens", body);
            assertThat(r.status()).as(weak).isEqualTo(400);
            assertThat(r.namesField("password")).as(weak + ": " + r).isTrue();
        }
    }

    @Test
    void duplicateIdNumberOrUsernameIsAConflict() {
        String username = freshUsername("dup");
        String id = freshIdNumber();
        assertThat(Api.anonymous(baseUrl()).post("/api/v1/citizens", citizen(username, id)).status()).isEqualTo(201);

        Api.Response sameId = Api.anonymous(baseUrl()).post("/api/v1/citizens", citizen(freshUsername("dup"), id));
        assertThat(sameId.status()).isEqualTo(409);
        assertThat(sameId.problemCode()).isEqualTo("id-number-registered");

        Api.Response sameName = Api.anonymous(baseUrl()).post("/api/v1/citizens", citizen(username.toUpperCase(), freshIdNumber()));
        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.problemCode()).isEqualTo("username-taken");
    }

    @Test
    void idempotencyKeyReplayReturnsTheSameAccountAndCreatesOne() {
        String username = freshUsername("idem");
        Map<String, Object> body = citizen(username, freshIdNumber());
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Api.Response first = Api.anonymous(baseUrl()).post("/api/v1/citizens", body, key);
        Api.Response second = Api.anonymous(baseUrl()).post("/api/v1/citizens", body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(second.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(jdbc.queryForObject("select count(*) from identity_account where username = ?", Integer.class, username)).isEqualTo(1);

        Map<String, Object> other = new HashMap<>(body);
        other.put("phone", "13700000000");
        Api.Response reused = Api.anonymous(baseUrl()).post("/api/v1/citizens", other, key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.problemCode()).isEqualTo("idempotency-key-reused");
    }

    /** Adds a person to the population registry through its import API (as demo-admin). */
    static void importPerson(String baseUrl, String idNumber, String name) {
        Api.Response r = Api.as(baseUrl, "demo-admin").post("/api/v1/registries/persons/import", java.util.List.of(Map.of(
                "idNumber", idNumber, "name", name, "phone", "13600000000", "address", "示例市西山区山前街道松林社区1幢",
                "regionCode", "339903001001", "sourceDepartmentId", "city-psb")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void aNameThatDiffersFromThePopulationRegistryIsRefused() {
        String id = freshIdNumber();
        importPerson(baseUrl(), id, "孙丽华");
        Map<String, Object> body = citizen(freshUsername("mismatch"), id);
        body.put("name", "孙丽");
        Api.Response mismatch = Api.anonymous(baseUrl()).post("/api/v1/citizens", body);
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.problemCode()).isEqualTo("real-name-mismatch");
        assertThat(mismatch.namesField("name")).isTrue();

        body.put("name", "孙丽华");
        Api.Response verified = Api.anonymous(baseUrl()).post("/api/v1/citizens", body);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(201);
        assertThat(verified.get("realNameLevel").asString()).isEqualTo("REGISTRY_VERIFIED");
        String personId = Api.as(baseUrl(), "demo-admin").post("/api/v1/registries/persons/search", Map.of("idNumber", id)).json().get(0).get("id").asString();
        assertThat(verified.get("subjectId").asString()).isEqualTo(personId);
    }

    @Test
    void theDemoCitizenIsLinkedToThePopulationRegistry() {
        Api.Response me = Api.as(baseUrl(), "demo-citizen").get("/api/v1/me");
        assertThat(me.get("realNameLevel").asString()).isEqualTo("REGISTRY_VERIFIED");
        assertThat(me.get("subjectId").isString()).isTrue();
        assertThat(me.get("displayName").asString()).isEqualTo("张*华");
        assertThat(me.get("name").asString()).isEqualTo("张明华");
    }
}
