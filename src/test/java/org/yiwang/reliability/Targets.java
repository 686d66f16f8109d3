package org.yiwang.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.yiwang.support.Api;

/**
 * The public JSON endpoints the hostile-input checks (probes and fuzzing) drive: ONE table. {@code {p}} marks where the
 * hostile value goes — URL-encoded in a path or query, as a JSON string (or any JSON value, for the fuzzer) in a body.
 * Add a row when a module adds an endpoint group ({@link #FORM} bodies are sent form-encoded, as Open311 POSTs are).
 */
final class Targets {

    private Targets() {
    }

    /** caller ("anonymous" or a demo account), method, path, JSON body template (null for none). */
    record Target(String caller, String method, String path, String body) {
        @Override
        public String toString() {
            return caller + " " + method + " " + path + (body == null ? "" : " " + body);
        }
    }

    /** A body template starting with this is sent form-encoded ({@code application/x-www-form-urlencoded}). */
    static final String FORM = "form:";

    static final List<Target> JSON = List.of(
            new Target("anonymous", "GET", "/api/v1/services?q={p}&zone={p}&level={p}", null),
            new Target("anonymous", "GET", "/api/v1/services/{p}", null),
            new Target("anonymous", "GET", "/api/v1/regions?parentCode={p}&level={p}", null),
            new Target("anonymous", "GET", "/api/v1/regions/{p}", null),
            new Target("anonymous", "GET", "/api/v1/calendar/deadline?from={p}&workingDays={p}", null),
            new Target("anonymous", "POST", "/api/v1/auth/login", "{\"username\":\"{p}\",\"password\":\"{p}\"}"),
            new Target("anonymous", "POST", "/api/v1/citizens",
                    "{\"username\":\"{p}\",\"password\":\"{p}\",\"name\":\"{p}\",\"idNumber\":\"{p}\",\"phone\":\"{p}\"}"),
            new Target("anonymous", "POST", "/api/v1/devices/{p}/readings", "{\"readings\":[{\"metric\":\"{p}\",\"value\":\"{p}\"}]}"),
            new Target("demo-citizen", "POST", "/api/v1/events", "{\"description\":\"{p}\",\"classCode\":\"E0101\",\"lon\":120.0051,\"lat\":30.0302}"),
            new Target("demo-citizen", "POST", "/api/v1/events", "{\"description\":\"分类探测\",\"classCode\":\"{p}\",\"lon\":120.0051,\"lat\":30.0302}"),
            new Target("demo-citizen", "POST", "/api/v1/events", "{\"description\":\"坐标探测\",\"lon\":\"{p}\",\"lat\":\"{p}\",\"photos\":[\"{p}\"]}"),
            new Target("demo-citizen", "GET", "/api/v1/events?state={p}&grid={p}&class={p}&from={p}&to={p}&limit={p}", null),
            new Target("demo-citizen", "GET", "/api/v1/events/{p}", null),
            new Target("demo-citizen", "GET", "/api/v1/grids/locate?lon={p}&lat={p}", null),
            new Target("demo-citizen", "GET", "/api/v1/addresses?q={p}&limit={p}", null),
            new Target("demo-citizen", "GET", "/api/v1/event-classes/{p}/responsible?regionCode={p}", null),
            new Target("demo-citizen", "GET", "/api/v1/inbox?page={p}", null),
            new Target("demo-supervisor", "POST", "/api/v1/events/{p}/file", "{\"classCode\":\"{p}\",\"comment\":\"{p}\"}"),
            new Target("demo-officer", "GET", "/api/v1/files?purpose={p}&page={p}&size={p}", null),
            new Target("demo-officer", "GET", "/api/v1/files/{p}/meta", null),
            new Target("demo-officer", "GET", "/api/v1/departments?regionCode={p}", null),
            new Target("demo-admin", "GET", "/api/v1/registries/persons?regionCode={p}&offset={p}&limit={p}", null),
            new Target("demo-admin", "POST", "/api/v1/registries/persons/search", "{\"idNumber\":\"{p}\",\"name\":\"{p}\"}"),
            new Target("demo-admin", "GET", "/api/v1/registries/legal-entities?creditCode={p}&regionCode={p}", null),
            new Target("demo-admin", "GET", "/api/v1/audit/entries?actor={p}&action={p}&target={p}&from={p}&to={p}", null),
            new Target("demo-admin", "GET", "/api/v1/accounts?type={p}", null),
            // Open311 GeoReport v2 (public reads; POST form-encoded with the demo api_key)
            new Target("anonymous", "GET", "/open311/v2/services/{p}.json", null),
            new Target("anonymous", "GET", "/open311/v2/requests.json?service_request_id={p}", null),
            new Target("anonymous", "GET", "/open311/v2/requests.xml?service_code={p}&status={p}&start_date={p}&end_date={p}", null),
            new Target("anonymous", "GET", "/open311/v2/requests/{p}.json", null),
            new Target("anonymous", "GET", "/open311/v2/tokens/{p}.json", null),
            new Target("anonymous", "POST", "/open311/v2/requests.json", FORM + "api_key=demo-open311-key&jurisdiction_id={p}&service_code=E0101"
                    + "&lat=30.0302&long=120.0051&description={p}&attribute[hazard]={p}&phone={p}&email={p}"),
            new Target("anonymous", "POST", "/open311/v2/requests.json", FORM + "api_key=demo-open311-key&service_code={p}&lat={p}&long={p}"
                    + "&address_string={p}&media_url={p}"),
            new Target("anonymous", "POST", "/open311/v2/requests.xml", FORM + "api_key={p}&service_code=E0101&lat=30.0302&long=120.0051")
    );

    /** Sends the target with this value in the path/query and (as JSON or form value) in the body. */
    static Api.Response send(String baseUrl, Api.Client client, Target t, String pathValue, JsonNode bodyValue) {
        if (t.body() != null && t.body().startsWith(FORM)) {
            String v = URLEncoder.encode(bodyValue.isString() ? bodyValue.asString() : bodyValue.toString(), StandardCharsets.UTF_8);
            String form = t.body().substring(FORM.length()).replace("[", "%5B").replace("]", "%5D").replace("{p}", v);
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path(t, pathValue)))
                    .timeout(java.time.Duration.ofSeconds(60)).header("Accept", "application/json, application/xml")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
            if (client.token() != null) {
                b.header("Authorization", "Bearer " + client.token());
            }
            return Fixtures.send(b.build());
        }
        return client.send(t.method(), path(t, pathValue), body(t, bodyValue), headers(t));
    }

    /** Sends the target with the same string everywhere. */
    static Api.Response send(String baseUrl, Api.Client client, Target t, String value) {
        return send(baseUrl, client, t, value, tools.jackson.databind.node.StringNode.valueOf(value));
    }

    static String path(Target t, String value) {
        return t.path().replace("{p}", URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** The body with every "{p}" string replaced by this JSON value. */
    static String body(Target t, JsonNode value) {
        if (t.body() == null || t.body().startsWith(FORM)) {
            return null;
        }
        JsonNode tree = Api.JSON.readTree(t.body());
        return Api.JSON.writeValueAsString(replace(tree, value));
    }

    private static JsonNode replace(JsonNode node, JsonNode value) {
        if (node.isString() && node.asString().equals("{p}")) {
            return value;
        }
        if (node instanceof ObjectNode o) {
            for (String name : List.copyOf(o.propertyNames())) {
                o.set(name, replace(o.get(name), value));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, replace(a.get(i), value));
            }
        }
        return node;
    }

    /** Sign-in attempts come from their own forwarded address so they never trip the per-address limit of other tests. */
    static Map<String, String> headers(Target t) {
        if (t.path().startsWith("/api/v1/auth/login")) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            return Map.of("X-Forwarded-For", "198.51." + r.nextInt(1, 250) + "." + r.nextInt(1, 250));
        }
        return Map.of();
    }
}
