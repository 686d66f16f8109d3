package org.yiwang.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * Hostile input, randomised part (issue 6 item 4): Jazzer's JUnit integration drives the public JSON endpoints
 * ({@link Targets#JSON}), the page forms and the file upload. In CI (regression mode) each {@code @FuzzTest} replays its
 * seed corpus under {@code src/test/resources/org/yiwang/reliability/HostileInputFuzzTestInputs/<method>/}; a fuzzing
 * run ({@code scripts/fuzz.sh}, {@code JAZZER_FUZZ=1}) mutates it for as long as asked. Every answer must be below 500
 * and disclose no internals ({@link Hostile#leaks}).
 */
class HostileInputFuzzTest extends IntegrationTest {

    private static final String[] CALLERS = {"anonymous", "demo-citizen", "demo-officer", "demo-admin"};

    private Api.Client client(String caller) {
        return caller.equals("anonymous") ? Api.anonymous(baseUrl()) : Api.as(baseUrl(), caller);
    }

    /** A JSON value shaped by the fuzzer: mostly strings, sometimes numbers, booleans, null, arrays or objects. */
    private static JsonNode value(FuzzedDataProvider data, int depth, List<String> texts) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (depth > 2 ? 0 : data.consumeInt(0, 7)) {
            case 1 -> {
                return f.numberNode(data.consumeDouble());
            }
            case 2 -> {
                return f.numberNode(data.consumeLong());
            }
            case 3 -> {
                return f.booleanNode(data.consumeBoolean());
            }
            case 4 -> {
                return f.nullNode();
            }
            case 5 -> {
                ArrayNode a = f.arrayNode();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    a.add(value(data, depth + 1, texts));
                }
                return a;
            }
            case 6 -> {
                ObjectNode o = f.objectNode();
                String k = data.consumeString(20);
                texts.add(k);
                o.set(k, value(data, depth + 1, texts));
                return o;
            }
            default -> {
                String s = data.consumeString(300);
                texts.add(s);
                return f.stringNode(s);
            }
        }
    }

    private void assertSafe(String what, int status, String body, List<String> inputs) {
        assertThat(status).as(what + " → " + HostileInputTest.abbreviate(body)).isLessThan(500);
        List<String> all = new ArrayList<>(inputs);
        all.addAll(Hostile.SQL);
        all.addAll(Hostile.XSS);
        all.addAll(Hostile.ODD);
        assertThat(Hostile.leaks(body, all)).as(what).isEmpty();
    }

    @FuzzTest(maxDuration = "5m")
    void jsonEndpoints(FuzzedDataProvider data) {
        Targets.Target t = Targets.JSON.get(data.consumeInt(0, Targets.JSON.size() - 1));
        List<String> texts = new ArrayList<>();
        String pathValue = data.consumeString(120);
        texts.add(pathValue);
        String caller = t.caller().equals("anonymous") || data.consumeInt(0, 3) > 0 ? t.caller() : CALLERS[data.consumeInt(0, CALLERS.length - 1)];
        Api.Response r;
        if (t.body() != null && !t.body().startsWith(Targets.FORM) && data.consumeBoolean()) {
            String raw = data.consumeString(2000); // raw, possibly not JSON at all
            texts.add(raw);
            r = client(caller).send(t.method(), Targets.path(t, pathValue), raw, Targets.headers(t));
        } else {
            r = Targets.send(baseUrl(), client(caller), t, pathValue, value(data, 0, texts));
        }
        assertSafe(caller + " " + t, r.status(), r.body(), texts);
    }

    @FuzzTest(maxDuration = "5m")
    void pageForms(FuzzedDataProvider data) {
        String[] fields;
        String path;
        WebSession web;
        switch (data.consumeInt(0, 2)) {
            case 0 -> {
                path = "/portal/report";
                fields = new String[] {"description", "classCode", "lon", "lat", "photos", "idempotencyKey"};
                web = WebSession.signedIn(baseUrl(), "demo-citizen", Api.DEMO_PASSWORD);
            }
            case 1 -> {
                path = "/register";
                fields = new String[] {"username", "password", "passwordRepeat", "name", "idNumber", "phone"};
                web = new WebSession(baseUrl());
            }
            default -> {
                path = "/services";
                fields = new String[] {"q", "zone"};
                web = new WebSession(baseUrl());
            }
        }
        Map<String, String> form = new java.util.LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        for (String f : fields) {
            String v = data.consumeString(200);
            texts.add(v);
            form.put(f, v);
        }
        java.net.http.HttpResponse<String> r;
        if (path.equals("/services")) {
            StringBuilder q = new StringBuilder(path).append('?');
            form.forEach((k, v) -> q.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
            r = web.get(q.toString());
        } else {
            form.put("_csrf", web.csrf(path));
            r = web.post(path, form);
        }
        assertSafe(path, r.statusCode(), r.body(), texts);
        assertThat(r.body() == null ? "" : r.body()).as(path).doesNotContain("<script>alert(").doesNotContain("<img src=x onerror");
    }

    @FuzzTest(maxDuration = "5m")
    void uploads(FuzzedDataProvider data) {
        String caller = data.consumeBoolean() ? "demo-citizen" : "demo-officer";
        String name = data.consumeString(120);
        String type = data.pickValue(new String[] {"image/png", "image/jpeg", "application/pdf", "text/html", "application/octet-stream",
                data.consumeString(40)});
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (data.consumeBoolean()) {
            fields.put("purpose", data.consumeString(60));
        }
        if (data.consumeBoolean()) {
            fields.put("regionCode", data.consumeString(20));
        }
        byte[] content = data.consumeBoolean() ? Fixtures.png(data.consumeInt()) : data.consumeRemainingAsBytes();
        Api.Response r = Fixtures.upload(baseUrl(), client(caller).token(), name.replace("\"", "").replace("\r", "").replace("\n", ""),
                type.replaceAll("[\\r\\n]", ""), content, fields);
        List<String> texts = new ArrayList<>(fields.values());
        texts.add(name);
        texts.add(type);
        assertSafe("upload " + caller, r.status(), r.body(), texts);
        if (r.status() == 201) {
            // whatever was accepted is served back only as an attachment, never rendered
            Api.Response back = client(caller).get("/api/v1/files/" + r.get("id").asString());
            assertThat(back.status()).isEqualTo(200);
            assertThat(back.header("Content-Disposition")).startsWith("attachment");
            assertThat(back.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }
}
