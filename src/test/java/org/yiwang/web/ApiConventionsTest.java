package org.yiwang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.yiwang.support.IntegrationTest;

/** The platform-wide API conventions: OpenAPI, health, problem+json, no stack traces, security headers. */
class ApiConventionsTest extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void openApiAndHealthArePublished() throws Exception {
        HttpResponse<String> docs = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v3/api-docs")));
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\":\"3.").contains("/api/v1/auth/login").contains("/api/v1/regions");
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    @Test
    void publicReferenceDataNeedsNoSignInButChangingItDoes() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/regions"))).statusCode()).isEqualTo(200);
        HttpResponse<String> year = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/calendar/2026")));
        assertThat(year.statusCode()).isEqualTo(200);
        assertThat(year.body()).contains("2026-02-14");
        HttpResponse<String> change = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/calendar/days/2026-02-16"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"working\":true}")));
        assertThat(change.statusCode()).isEqualTo(401);
    }

    @Test
    void malformedJsonIsAProblemNamingTheBodyInChineseAndEnglish() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{not json")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"messageZh\"").contains("\"messageEn\"").contains("\"field\":\"body\"")
                .doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void unauthenticatedApiCallsGet401ProblemAndUnknownPathsDoNotLeak() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/me")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    }
}
