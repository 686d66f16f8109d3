package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** Lockout, bearer token expiry and revocation, password change, and the TOTP second factor. */
class SignInRulesTest extends IntegrationTest {

    static final String PASSWORD = "Strong#Pass2026";

    private String newCitizen() {
        String username = RegistrationApiTest.freshUsername("rules");
        Api.Response r = Api.anonymous(baseUrl()).post("/api/v1/citizens", RegistrationApiTest.citizen(username, RegistrationApiTest.freshIdNumber()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return username;
    }

    private Api.Response login(String username, String password) {
        return Api.anonymous(baseUrl()).post("/api/v1/auth/login", Map.of("username", username, "password", password));
    }

    private Api.Response login(String username, String password, String totp) {
        return Api.anonymous(baseUrl()).post("/api/v1/auth/login", Map.of("username", username, "password", password, "totp", totp));
    }

    @Test
    void fiveConsecutiveFailuresLockTheAccount() {
        String username = newCitizen();
        for (int i = 1; i <= 5; i++) {
            Api.Response r = login(username, "Wrong#Pass" + i);
            assertThat(r.status()).as("attempt " + i).isEqualTo(401);
            assertThat(r.problemCode()).isEqualTo("bad-credentials");
        }
        Api.Response locked = login(username, PASSWORD);
        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.problemCode()).isEqualTo("account-locked");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'account.login' and success = false and detail like ?",
                Integer.class, "%account locked after 5%")).isGreaterThanOrEqualTo(1);
        String accountId = jdbc.queryForObject("select id from identity_account where username = ?", String.class, username);
        java.util.List<Map<String, Object>> entries = jdbc.queryForList(
                "select actor_id, success, detail, client_ip from audit_entry where action = 'account.login' and target = ?", "account:" + accountId);
        assertThat(entries).hasSizeGreaterThanOrEqualTo(6);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("actor_id")).isEqualTo(accountId);
            assertThat((String) e.get("client_ip")).isNotBlank();
        });
        assertThat(entries).anySatisfy(e -> assertThat((String) e.get("detail")).contains("reason=bad-password"));
        assertThat(entries).anySatisfy(e -> assertThat((String) e.get("detail")).contains("reason=locked"));

        // 15 minutes later (moved back in the database) the right password works again and the count restarts
        jdbc.update("update identity_account set locked_until = ? where username = ?", Timestamp.from(Instant.now().minusSeconds(1)), username);
        assertThat(login(username, PASSWORD).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select failed_attempts from identity_account where username = ?", Integer.class, username)).isZero();
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        String username = newCitizen();
        for (int i = 0; i < 4; i++) {
            assertThat(login(username, "Wrong#Pass0").status()).isEqualTo(401);
        }
        assertThat(login(username, PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(login(username, "Wrong#Pass0").status()).isEqualTo(401);
        }
        assertThat(login(username, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void logoutRevokesTheToken() {
        String token = Api.login(baseUrl(), newCitizen(), PASSWORD);
        Api.Client c = Api.withToken(baseUrl(), token);
        assertThat(c.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(c.post("/api/v1/auth/logout", null).status()).isEqualTo(204);
        Api.Response after = c.get("/api/v1/me");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.problemCode()).isEqualTo("invalid-token");
    }

    @Test
    void tokensExpireWhenIdleAndAfterTheirLifetime() {
        String username = newCitizen();
        String idle = Api.login(baseUrl(), username, PASSWORD);
        String old = Api.login(baseUrl(), username, PASSWORD);
        String fresh = Api.login(baseUrl(), username, PASSWORD);
        Api.Client idleClient = Api.withToken(baseUrl(), idle);
        assertThat(idleClient.get("/api/v1/me").status()).isEqualTo(200);

        jdbc.update("update identity_access_token set last_used_at = ? where token_hash = ?",
                Timestamp.from(Instant.now().minus(31, ChronoUnit.MINUTES)), sm3(idle));
        jdbc.update("update identity_access_token set expires_at = ? where token_hash = ?", Timestamp.from(Instant.now().minusSeconds(1)), sm3(old));

        assertThat(idleClient.get("/api/v1/me").problemCode()).isEqualTo("invalid-token");
        assertThat(Api.withToken(baseUrl(), old).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(Api.withToken(baseUrl(), fresh).get("/api/v1/me").status()).isEqualTo(200);
        // only the digest is stored
        assertThat(jdbc.queryForObject("select count(*) from identity_access_token where token_hash = ?", Integer.class, fresh)).isZero();
    }

    @Test
    void passwordChangeChecksTheRulesAndRevokesOtherTokens() {
        String username = newCitizen();
        String other = Api.login(baseUrl(), username, PASSWORD);
        Api.Client c = Api.withToken(baseUrl(), Api.login(baseUrl(), username, PASSWORD));

        Api.Response wrongCurrent = c.put("/api/v1/me/password", Map.of("currentPassword", "Nope#1234", "newPassword", "Another#Pass2027"));
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.namesField("currentPassword")).isTrue();
        Api.Response weak = c.put("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "weakpass"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.namesField("newPassword")).isTrue();

        assertThat(c.put("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "Another#Pass2027")).status()).isEqualTo(204);
        assertThat(c.get("/api/v1/me").status()).isEqualTo(200); // this token stays
        assertThat(Api.withToken(baseUrl(), other).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(login(username, PASSWORD).status()).isEqualTo(401);
        assertThat(login(username, "Another#Pass2027").status()).isEqualTo(200);
    }

    @Test
    void onceEnrolledTheSecondFactorIsRequiredAndChecked() throws Exception {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        String username = RegistrationApiTest.freshUsername("totp-admin");
        Map<String, Object> body = new HashMap<>(Map.of("type", "ADMIN", "username", username, "password", PASSWORD, "displayName", "测试管理员"));
        Api.Response created = admin.post("/api/v1/accounts", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        Api.Client self = Api.withToken(baseUrl(), Api.login(baseUrl(), username, PASSWORD));
        Api.Response start = self.post("/api/v1/me/totp", null);
        assertThat(start.status()).as(start.toString()).isEqualTo(200);
        String secret = start.get("secret").asString();
        assertThat(start.get("otpauthUri").asString()).startsWith("otpauth://totp/").contains("secret=" + secret);
        assertThat(start.get("qrDataUri").asString()).startsWith("data:image/png;base64,");
        String stored = jdbc.queryForObject("select totp_secret_enc from identity_account where username = ?", String.class, username);
        assertThat(stored).startsWith("sm4gcm:").doesNotContain(secret);

        long step = Instant.now().getEpochSecond() / 30;
        DefaultCodeGenerator gen = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
        assertThat(self.post("/api/v1/me/totp/confirm", Map.of("code", wrong(gen.generate(secret, step)))).status()).isEqualTo(400);
        assertThat(self.post("/api/v1/me/totp/confirm", Map.of("code", gen.generate(secret, step))).status()).isEqualTo(204);

        Api.Response without = login(username, PASSWORD);
        assertThat(without.status()).isEqualTo(401);
        assertThat(without.problemCode()).isEqualTo("totp-required");
        Api.Response wrongCode = login(username, PASSWORD, wrong(gen.generate(secret, step + 1)));
        assertThat(wrongCode.status()).isEqualTo(401);
        assertThat(wrongCode.problemCode()).isEqualTo("totp-required");
        Api.Response replayed = login(username, PASSWORD, gen.generate(secret, step)); // used to confirm
        assertThat(replayed.problemCode()).isEqualTo("totp-required");

        Api.Response ok = login(username, PASSWORD, gen.generate(secret, step + 1));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.get("account").get("type").asString()).isEqualTo("ADMIN");

        // a demo officer without enrolment still signs in with the password alone
        assertThat(login("demo-gridworker", Api.DEMO_PASSWORD).status()).isEqualTo(200);
        // citizens have no second factor to enrol
        Api.Response citizen = Api.as(baseUrl(), "demo-citizen").post("/api/v1/me/totp", null);
        assertThat(citizen.status()).isEqualTo(403);
    }

    static String wrong(String code) {
        char c = code.charAt(0);
        return (c == '9' ? '0' : (char) (c + 1)) + code.substring(1);
    }

    private String sm3(String token) {
        org.bouncycastle.crypto.digests.SM3Digest d = new org.bouncycastle.crypto.digests.SM3Digest();
        byte[] in = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        d.update(in, 0, in.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return java.util.HexFormat.of().formatHex(out);
    }
}
