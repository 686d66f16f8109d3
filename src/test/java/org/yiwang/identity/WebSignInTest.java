package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** Web sign-in: landing pages by account kind, CSRF, secure headers, session fixation, the TOTP step, logout, registration page. */
class WebSignInTest extends IntegrationTest {

    @Test
    void eachKindOfAccountLandsOnItsHome() {
        Map<String, String> homes = Map.of("demo-citizen", "/portal", "demo-enterprise", "/portal", "demo-officer", "/workbench",
                "demo-admin", "/admin");
        homes.forEach((user, home) -> {
            HttpResponse<String> r = new WebClient(baseUrl()).signIn(user, Api.DEMO_PASSWORD);
            assertThat(r.statusCode()).as(user).isEqualTo(302);
            assertThat(WebClient.location(r)).as(user).endsWith(home);
        });
    }

    @Test
    void signInChangesTheSessionAndLogoutEndsIt() {
        WebClient web = new WebClient(baseUrl());
        HttpResponse<String> page = web.get("/workbench");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(page)).endsWith("/login");
        String csrf = web.csrfFrom("/login");
        String before = web.sessionId();
        HttpResponse<String> r = web.postForm("/login", Map.of("username", "demo-officer", "password", Api.DEMO_PASSWORD, "_csrf", csrf));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(r)).contains("/workbench"); // the page asked for first
        assertThat(web.sessionId()).isNotNull().isNotEqualTo(before);
        assertThat(web.get("/workbench").statusCode()).isEqualTo(200);

        HttpResponse<String> logout = web.postForm("/logout", Map.of("_csrf", web.csrfFrom("/workbench")));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(web.get("/workbench").statusCode()).isEqualTo(302);
    }

    @Test
    void formsNeedTheCsrfTokenAndPagesCarrySecureHeaders() {
        WebClient web = new WebClient(baseUrl());
        web.get("/login");
        HttpResponse<String> noCsrf = web.postForm("/login", Map.of("username", "demo-officer", "password", Api.DEMO_PASSWORD));
        assertThat(noCsrf.statusCode()).isEqualTo(403);

        HttpResponse<String> login = web.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.body()).contains("name=\"username\"").contains("name=\"password\"");
    }

    @Test
    void wrongPasswordReturnsToTheFormWithAReason() {
        HttpResponse<String> r = new WebClient(baseUrl()).signIn("demo-supervisor", "Wrong#Pass1");
        assertThat(WebClient.location(r)).endsWith("/login?error=bad-credentials");
        assertThat(new WebClient(baseUrl()).signIn("demo-supervisor", Api.DEMO_PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void enrolledAccountsGiveTheirCodeInASecondStep() throws Exception {
        String username = RegistrationApiTest.freshUsername("web-totp");
        Map<String, Object> body = new HashMap<>(Map.of("type", "ADMIN", "username", username, "password", "Strong#Pass2026", "displayName", "网页管理员"));
        assertThat(Api.as(baseUrl(), "demo-admin").post("/api/v1/accounts", body).status()).isEqualTo(201);
        Api.Client self = Api.withToken(baseUrl(), Api.login(baseUrl(), username, "Strong#Pass2026"));
        String secret = self.post("/api/v1/me/totp", null).get("secret").asString();
        DefaultCodeGenerator gen = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
        long step = Instant.now().getEpochSecond() / 30;
        assertThat(self.post("/api/v1/me/totp/confirm", Map.of("code", gen.generate(secret, step))).status()).isEqualTo(204);

        WebClient web = new WebClient(baseUrl());
        HttpResponse<String> first = web.signIn(username, "Strong#Pass2026");
        assertThat(WebClient.location(first)).endsWith("/login/totp");
        assertThat(web.get("/admin").statusCode()).isEqualTo(302); // not signed in yet

        String csrf = web.csrfFrom("/login/totp");
        HttpResponse<String> wrong = web.postForm("/login/totp", Map.of("code", SignInRulesTest.wrong(gen.generate(secret, step + 1)), "_csrf", csrf));
        assertThat(WebClient.location(wrong)).contains("/login/totp?error");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", gen.generate(secret, step + 1));
        form.put("_csrf", web.csrfFrom("/login/totp"));
        HttpResponse<String> second = web.postForm("/login/totp", form);
        assertThat(second.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(second)).contains("/admin"); // the page asked for while the code was pending
        assertThat(web.get("/admin").statusCode()).isEqualTo(200);
    }

    @Test
    void theRegistrationPageCreatesACitizen() {
        WebClient web = new WebClient(baseUrl());
        String username = RegistrationApiTest.freshUsername("webreg");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", "Strong#Pass2026");
        form.put("passwordRepeat", "Strong#Pass2026");
        form.put("name", "钱学文");
        form.put("idNumber", "339902199001011230".substring(0, 17) + "X"); // wrong check character
        form.put("phone", "13912345679");
        form.put("_csrf", web.csrfFrom("/register"));
        HttpResponse<String> bad = web.postForm("/register", form);
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("GB 11643");
        assertThat(jdbc.queryForObject("select count(*) from identity_account where username = ?", Integer.class, username)).isZero();

        form.put("idNumber", RegistrationApiTest.freshIdNumber());
        form.put("_csrf", web.csrfFrom("/register"));
        HttpResponse<String> ok = web.postForm("/register", form);
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(ok)).contains("/login?registered");
        assertThat(WebClient.location(new WebClient(baseUrl()).signIn(username, "Strong#Pass2026"))).endsWith("/portal");
    }

    @Test
    void theAccountPageShowsMaskedDataAndChangesThePassword() {
        String username = RegistrationApiTest.freshUsername("acct");
        String id = RegistrationApiTest.freshIdNumber();
        assertThat(Api.anonymous(baseUrl()).post("/api/v1/citizens", RegistrationApiTest.citizen(username, id)).status()).isEqualTo(201);
        WebClient web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.signIn(username, "Strong#Pass2026"))).endsWith("/portal");
        HttpResponse<String> page = web.get("/account");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(username).contains(id.substring(0, 3) + "***").doesNotContain(id);

        Map<String, String> form = new LinkedHashMap<>();
        form.put("currentPassword", "Strong#Pass2026");
        form.put("newPassword", "Changed#Pass2027");
        form.put("newPasswordRepeat", "Changed#Pass2027");
        form.put("_csrf", web.csrfFrom("/account"));
        HttpResponse<String> changed = web.postForm("/account/password", form);
        assertThat(WebClient.location(changed)).endsWith("/account");
        assertThat(web.get("/account").body()).contains("密码已修改");
        assertThat(WebClient.location(new WebClient(baseUrl()).signIn(username, "Changed#Pass2027"))).endsWith("/portal");
    }

    @Test
    void anAdministratorEnrolsAnAuthenticatorOnTheAccountPage() throws Exception {
        String username = RegistrationApiTest.freshUsername("page-totp");
        Map<String, Object> body = new HashMap<>(Map.of("type", "ADMIN", "username", username, "password", "Strong#Pass2026", "displayName", "页面管理员"));
        assertThat(Api.as(baseUrl(), "demo-admin").post("/api/v1/accounts", body).status()).isEqualTo(201);
        WebClient web = new WebClient(baseUrl());
        web.signIn(username, "Strong#Pass2026");
        HttpResponse<String> started = web.postForm("/account/totp/start", Map.of("_csrf", web.csrfFrom("/account")));
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.body()).contains("data:image/png;base64,");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("secret=([A-Z2-7]+)").matcher(started.body());
        assertThat(m.find()).isTrue();
        String code = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(m.group(1), Instant.now().getEpochSecond() / 30);
        HttpResponse<String> confirmed = web.postForm("/account/totp/confirm", Map.of("code", code, "_csrf", web.csrfFrom("/account")));
        assertThat(WebClient.location(confirmed)).endsWith("/account");
        assertThat(jdbc.queryForObject("select totp_enabled from identity_account where username = ?", Boolean.class, username)).isTrue();
        assertThat(WebClient.location(new WebClient(baseUrl()).signIn(username, "Strong#Pass2026"))).endsWith("/login/totp");
    }

    @Test
    void administratorsManageStaffAccountsOnTheAdminPage() {
        WebClient admin = new WebClient(baseUrl());
        admin.signIn("demo-admin", Api.DEMO_PASSWORD);
        HttpResponse<String> page = admin.get("/admin/accounts?type=OFFICER");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("demo-officer-xishan").doesNotContain("demo-citizen");

        String username = RegistrationApiTest.freshUsername("page-admin");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "ADMIN");
        form.put("username", username);
        form.put("password", "Strong#Pass2026");
        form.put("displayName", "页面新建管理员");
        form.put("_csrf", admin.csrfFrom("/admin/accounts"));
        assertThat(WebClient.location(admin.postForm("/admin/accounts", form))).endsWith("/admin/accounts");
        String id = jdbc.queryForObject("select id from identity_account where username = ?", String.class, username);
        WebClient newAdmin = new WebClient(baseUrl());
        newAdmin.signIn(username, "Strong#Pass2026");
        assertThat(newAdmin.get("/admin").statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = admin.postForm("/admin/accounts/" + id + "/status", Map.of("active", "false", "_csrf", admin.csrfFrom("/admin/accounts")));
        assertThat(disabled.statusCode()).isEqualTo(302);
        assertThat(Api.anonymous(baseUrl()).post("/api/v1/auth/login", Map.of("username", username, "password", "Strong#Pass2026")).problemCode())
                .isEqualTo("account-disabled");
        assertThat(newAdmin.get("/admin").statusCode()).as("a disabled account's session ends").isEqualTo(302);

        WebClient officer = new WebClient(baseUrl());
        officer.signIn("demo-officer", Api.DEMO_PASSWORD);
        assertThat(officer.get("/admin/accounts").statusCode()).isEqualTo(403);
    }
}
