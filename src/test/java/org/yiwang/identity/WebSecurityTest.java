package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * Web security beyond sign-in itself (issue 6 item 5): web sessions live in the database (Spring Session JDBC, so a
 * signed-in session works on any node and a sign-in changes the stored session id), CSRF on every form and on
 * session-cookie API calls, HSTS on HTTPS responses ({@code yiwang.security.hsts}), and no session for API calls.
 */
class WebSecurityTest extends IntegrationTest {

    private static final HttpClient PLAIN = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> getWithCookie(String path, String cookie, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "text/html").GET();
        if (cookie != null) {
            b.header("Cookie", "SESSION=" + cookie);
        }
        headers.forEach(b::header);
        return PLAIN.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private int storedSessions(String username) {
        return jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Integer.class, username);
    }

    @Test
    void theSignedInSessionIsStoredInTheDatabaseAndWorksFromAnyClientHoldingTheCookie() throws Exception {
        String user = "demo-supervisor";
        WebClient web = new WebClient(baseUrl());
        web.get("/login");
        String anonymousSession = web.sessionId();
        assertThat(anonymousSession).as("the login form's session (holds the CSRF token)").isNotNull();
        int before = storedSessions(user);
        assertThat(WebClient.location(web.signIn(user, Api.DEMO_PASSWORD))).endsWith("/workbench");
        String session = web.sessionId();
        assertThat(session).isNotEqualTo(anonymousSession); // session fixation: a new id at sign-in
        assertThat(storedSessions(user)).isEqualTo(before + 1);

        // another "node" (a fresh client, same database) with only the cookie is signed in too
        HttpResponse<String> elsewhere = getWithCookie("/workbench", session, Map.of());
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        // the old (pre-sign-in) id is worthless
        assertThat(getWithCookie("/workbench", anonymousSession, Map.of()).statusCode()).isEqualTo(302);

        // the session is only what the database holds: deleting the row signs the browser out everywhere
        String sessionId = new String(java.util.Base64.getDecoder().decode(session), StandardCharsets.UTF_8);
        assertThat(jdbc.update("delete from spring_session where session_id = ?", sessionId)).isEqualTo(1);
        assertThat(getWithCookie("/workbench", session, Map.of()).statusCode()).isEqualTo(302);
        assertThat(web.get("/workbench").statusCode()).isEqualTo(302);
    }

    @Test
    void formsAndSessionApiCallsWithoutTheCsrfTokenAreRefused() {
        WebClient web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.signIn("demo-citizen", Api.DEMO_PASSWORD))).endsWith("/portal");
        long events = jdbc.queryForObject("select count(*) from gov_event", Long.class);

        // a page form (随手拍) posted without its token, and with a forged one
        Map<String, String> form = new LinkedHashMap<>(Map.of("description", "CSRF 探测", "lon", "120.0051", "lat", "30.0302"));
        assertThat(web.postForm("/portal/report", form).statusCode()).isEqualTo(403);
        form.put("_csrf", "forged-token");
        assertThat(web.postForm("/portal/report", form).statusCode()).isEqualTo(403);
        // the account and logout forms
        assertThat(web.postForm("/account/password", Map.of("currentPassword", Api.DEMO_PASSWORD, "newPassword", "Changed#Pass2027",
                "newPasswordRepeat", "Changed#Pass2027")).statusCode()).isEqualTo(403);
        assertThat(web.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(web.get("/portal").statusCode()).as("still signed in: the forged logout did nothing").isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from gov_event", Long.class)).isEqualTo(events);
    }

    @Test
    void strictTransportSecurityIsSentOnHttpsResponses() throws Exception {
        // the test client is on loopback, a trusted internal proxy: X-Forwarded-Proto: https makes the request secure
        HttpResponse<String> https = getWithCookie("/login", null, Map.of("X-Forwarded-Proto", "https"));
        assertThat(https.statusCode()).isEqualTo(200);
        assertThat(https.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");
        HttpResponse<String> api = getWithCookie("/api/v1/services", null, Map.of("X-Forwarded-Proto", "https"));
        assertThat(api.headers().firstValue("Strict-Transport-Security")).isPresent();
        // browsers ignore HSTS over plain HTTP (RFC 6797 §7.2), so it is not sent there
        assertThat(getWithCookie("/login", null, Map.of()).headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void apiCallsNeverCreateASession() {
        Api.Response r = Api.as(baseUrl(), "demo-officer").get("/api/v1/me");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION=") || c.startsWith("JSESSIONID="));
    }
}
