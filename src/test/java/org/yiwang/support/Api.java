package org.yiwang.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A tiny HTTP client for API tests, signed in through {@code POST /api/v1/auth/login} with a bearer token.
 * <pre>
 * Api.Client officer = Api.as(baseUrl(), "demo-officer");          // demo password, token cached per user
 * Api.Response r = officer.get("/api/v1/me");
 * assertThat(r.status()).isEqualTo(200);
 * assertThat(r.json().get("type").asString()).isEqualTo("OFFICER");
 * Api.Response created = officer.post("/api/v1/things", Map.of("name", "x"), Map.of("Idempotency-Key", "k1"));
 * Api.Response anon = Api.anonymous(baseUrl()).get("/api/v1/me");  // 401 problem+json
 * </pre>
 * Bodies may be a JSON string or any object Jackson can write (maps, records). Responses carry the status,
 * the raw body, the parsed JSON ({@link MissingNode} when the body is not JSON) and the headers.
 */
public final class Api {

    /** The demo accounts' password ({@code YIWANG_DEMO_PASSWORD}, default {@code Yiwang@2026}). */
    public static final String DEMO_PASSWORD = System.getenv().getOrDefault("YIWANG_DEMO_PASSWORD", "Yiwang@2026");

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Api() {
    }

    /** A client signed in as a demo account (the token is reused across tests for the same base URL and user). */
    public static Client as(String baseUrl, String username) {
        return as(baseUrl, username, DEMO_PASSWORD);
    }

    /** A client signed in with this username and password. Fails the test if sign-in fails. */
    public static Client as(String baseUrl, String username, String password) {
        String key = baseUrl + "|" + username + "|" + password;
        String token = TOKENS.computeIfAbsent(key, k -> login(baseUrl, username, password));
        return new Client(baseUrl, token, () -> {
            String fresh = login(baseUrl, username, password);
            TOKENS.put(key, fresh);
            return fresh;
        });
    }

    /** A client without credentials. */
    public static Client anonymous(String baseUrl) {
        return new Client(baseUrl, null, null);
    }

    /** A client using this bearer token as it is (no re-login). */
    public static Client withToken(String baseUrl, String token) {
        return new Client(baseUrl, token, null);
    }

    /** Signs in and returns a new access token (never cached). */
    public static String login(String baseUrl, String username, String password) {
        Response r = anonymous(baseUrl).post("/api/v1/auth/login", Map.of("username", username, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("Sign-in as " + username + " failed: " + r.status() + " " + r.body());
        }
        return r.json().get("accessToken").asString();
    }

    /** An HTTP response: status, raw body, parsed JSON and headers. */
    public record Response(int status, String body, JsonNode json, HttpHeaders headers) {

        /** The JSON field {@code name} of the top-level object ({@link MissingNode} if absent). */
        public JsonNode get(String name) {
            return json.path(name);
        }

        /** A header value, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The problem+json {@code code}, or null. */
        public String problemCode() {
            JsonNode c = json.path("code");
            return c.isMissingNode() || c.isNull() ? null : c.asString();
        }

        /** True when the problem+json lists {@code field} among its errors. */
        public boolean namesField(String field) {
            for (JsonNode e : json.path("errors")) {
                if (field.equals(e.path("field").asString())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A client bound to a base URL and (optionally) a bearer token. */
    public static final class Client {

        private final String baseUrl;
        private volatile String token;
        private final java.util.function.Supplier<String> relogin;

        Client(String baseUrl, String token, java.util.function.Supplier<String> relogin) {
            this.baseUrl = baseUrl;
            this.token = token;
            this.relogin = relogin;
        }

        public String token() {
            return token;
        }

        public Response get(String path) {
            return send("GET", path, null, Map.of());
        }

        public Response get(String path, Map<String, String> headers) {
            return send("GET", path, null, headers);
        }

        public Response post(String path, Object body) {
            return send("POST", path, body, Map.of());
        }

        public Response post(String path, Object body, Map<String, String> headers) {
            return send("POST", path, body, headers);
        }

        public Response put(String path, Object body) {
            return send("PUT", path, body, Map.of());
        }

        public Response patch(String path, Object body) {
            return send("PATCH", path, body, Map.of());
        }

        public Response delete(String path) {
            return send("DELETE", path, null, Map.of());
        }

        /** Any method, with a JSON body (string or object; null for none) and extra headers. */
        public Response send(String method, String path, Object body, Map<String, String> headers) {
            Response r = once(method, path, body, headers);
            if (r.status() == 401 && relogin != null && "invalid-token".equals(r.problemCode())) {
                token = relogin.get(); // the cached token expired or was revoked: sign in again once
                r = once(method, path, body, headers);
            }
            return r;
        }

        private Response once(String method, String path, Object body, Map<String, String> headers) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Accept", "application/json, application/problem+json");
            if (token != null) {
                h.put("Authorization", "Bearer " + token);
            }
            HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
            if (body != null) {
                String json = body instanceof String s ? s : JSON.writeValueAsString(body);
                publisher = HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
                h.put("Content-Type", "application/json");
            }
            h.putAll(headers);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60)).method(method, publisher);
            h.forEach(b::header);
            try {
                HttpResponse<String> resp = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(resp.statusCode(), resp.body(), parse(resp.body()), resp.headers());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(method + " " + path + " interrupted", e);
            }
        }

        private static JsonNode parse(String body) {
            if (body == null || body.isBlank()) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (RuntimeException e) {
                return MissingNode.getInstance();
            }
        }
    }
}
