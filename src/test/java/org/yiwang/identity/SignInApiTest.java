package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** API sign-in, the caller it yields, and the 401/403 problem answers of the API chain. */
class SignInApiTest extends IntegrationTest {

    @Test
    void demoOfficerSignsInAndSeesItsScope() {
        Api.Response login = Api.anonymous(baseUrl()).post("/api/v1/auth/login",
                Map.of("username", "demo-officer", "password", Api.DEMO_PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.get("expiresIn").asLong()).isEqualTo(1800);
        assertThat(login.get("account").get("type").asString()).isEqualTo("OFFICER");

        Api.Response me = Api.withToken(baseUrl(), login.get("accessToken").asString()).get("/api/v1/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.get("username").asString()).isEqualTo("demo-officer");
        assertThat(me.get("type").asString()).isEqualTo("OFFICER");
        assertThat(me.get("regionPrefixes").toString()).contains("339902");
        assertThat(me.get("permissions").toString()).contains("registry:read");
    }

    @Test
    void everyDemoAccountSignsInWithItsKind() {
        Map<String, String> kinds = Map.of("demo-citizen", "CITIZEN", "demo-enterprise", "ENTERPRISE", "demo-clerk", "OFFICER",
                "demo-officer-xishan", "OFFICER", "demo-admin", "ADMIN");
        kinds.forEach((user, type) -> {
            Api.Response me = Api.as(baseUrl(), user).get("/api/v1/me");
            assertThat(me.status()).as(user + ": " + me).isEqualTo(200);
            assertThat(me.get("type").asString()).as(user).isEqualTo(type);
        });
        assertThat(Api.as(baseUrl(), "demo-admin").get("/api/v1/me").get("permissions").toString()).contains("*");
        Api.Response citizen = Api.as(baseUrl(), "demo-citizen").get("/api/v1/me");
        assertThat(citizen.get("idNumber").asString()).isEqualTo("339902199003071232"); // own data unmasked
        assertThat(citizen.get("roles").toString()).contains("CITIZEN");
    }

    @Test
    void wrongPasswordAndUnknownUserGiveTheSameAnswer() {
        Api.Response wrong = Api.anonymous(baseUrl()).post("/api/v1/auth/login", Map.of("username", "demo-clerk", "password", "Wrong#Pass1"));
        Api.Response unknown = Api.anonymous(baseUrl()).post("/api/v1/auth/login", Map.of("username", "nobody-here", "password", "Wrong#Pass1"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.problemCode()).isEqualTo("bad-credentials");
        assertThat(unknown.get("messageZh").asString()).isEqualTo(wrong.get("messageZh").asString());
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        // a correct sign-in afterwards resets the failure count
        assertThat(Api.anonymous(baseUrl()).post("/api/v1/auth/login", Map.of("username", "demo-clerk", "password", Api.DEMO_PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void unauthenticatedApiCallsGet401Problem() {
        Api.Response r = Api.anonymous(baseUrl()).get("/api/v1/me");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.problemCode()).isEqualTo("unauthenticated");
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");

        Api.Response bogus = Api.withToken(baseUrl(), "yw_not-a-real-token").get("/api/v1/me");
        assertThat(bogus.status()).isEqualTo(401);
        assertThat(bogus.problemCode()).isEqualTo("invalid-token");
    }

    @Test
    void publicPathsNeedNoSignIn() {
        Api.Client anon = Api.anonymous(baseUrl());
        assertThat(anon.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anon.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anon.get("/.well-known/openid-configuration").status()).isEqualTo(200);
        assertThat(anon.get("/oauth2/jwks").get("keys").get(0).get("kty").asString()).isEqualTo("RSA");
        assertThat(anon.get("/oauth2/jwks").get("keys").get(0).has("d")).isFalse(); // never the private part
        assertThat(anon.get("/api/v1/accounts").status()).isEqualTo(401);
        assertThat(anon.post("/api/v1/me/totp", null).status()).isEqualTo(401);
    }

    @Test
    void aBrowserSessionCallingTheApiNeedsCsrfButBearerCallsDoNot() throws Exception {
        WebClient web = new WebClient(baseUrl());
        web.signIn("demo-citizen", Api.DEMO_PASSWORD);
        java.net.http.HttpResponse<String> viaSession = web.postForm("/api/v1/auth/logout", Map.of());
        assertThat(viaSession.statusCode()).isEqualTo(403);
        assertThat(viaSession.body()).contains("csrf");
        String token = Api.login(baseUrl(), "demo-citizen", Api.DEMO_PASSWORD);
        assertThat(Api.withToken(baseUrl(), token).post("/api/v1/auth/logout", null).status()).isEqualTo(204);
    }
}
