package org.yiwang.governance;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open311 GeoReport v2 driven the way an Open311 client drives it: plain HTTP, form-encoded POSTs, JSON parsed with
 * Jackson and XML with the JDK's DOM parser, including the error documents. (The Open311 client libraries are
 * Python packages; none is published on Maven Central or npm, so the client here is plain HTTP.)
 */
class Open311ContractTest extends IntegrationTest {

    private static final String KEY = "demo-open311-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Autowired
    PersonalDataVault vault;

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            return Api.JSON.readTree(body);
        }

        Document xml() {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("not well-formed XML: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private Reply get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/open311/v2/" + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    private Reply post(String path, Map<String, List<String>> form, String... headers) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, vs) -> vs.forEach(v -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/open311/v2/" + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    private static Reply send(HttpRequest r) {
        try {
            HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(resp.statusCode(), resp.headers().firstValue("Content-Type").orElse(""), resp.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<String>> form(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    /** A valid request in 柳岸社区 (东湖区湖滨街道) with a unique description. */
    private static Map<String, List<String>> garbage(String description) {
        return form("api_key", KEY, "jurisdiction_id", "339900000000", "service_code", "E0101", "lat", "30.0302", "long", "120.0051",
                "description", description);
    }

    private static String text(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }

    private static List<Element> children(Document d, String tag) {
        NodeList l = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    @Test
    void discoveryServicesAndDefinitionsInJsonAndXml() {
        Reply d = get("discovery.json");
        assertThat(d.status()).as(d.toString()).isEqualTo(200);
        assertThat(d.contentType()).startsWith("application/json");
        JsonNode endpoint = d.json().get("endpoints").get(0);
        assertThat(endpoint.get("specification").asString()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.get("url").asString()).isEqualTo(baseUrl() + "/open311/v2");
        assertThat(endpoint.get("formats").toString()).contains("text/xml", "application/json");
        Document dx = get("discovery.xml").xml();
        assertThat(dx.getDocumentElement().getTagName()).isEqualTo("discovery");
        assertThat(children(dx, "format")).extracting(Element::getTextContent).containsExactly("text/xml", "application/json");

        Reply s = get("services.json");
        assertThat(s.status()).as(s.toString()).isEqualTo(200);
        JsonNode garbage = null;
        for (JsonNode n : s.json()) {
            if (n.get("service_code").asString().equals("E0101")) {
                garbage = n;
            }
        }
        assertThat(garbage).as("E0101 in " + s.body()).isNotNull();
        assertThat(garbage.get("service_name").asString()).isEqualTo("暴露垃圾");
        assertThat(garbage.get("group").asString()).isEqualTo("市容环境");
        assertThat(garbage.get("type").asString()).isEqualTo("realtime");
        assertThat(garbage.get("metadata").asBoolean()).isTrue();
        assertThat(garbage.get("keywords").asString()).contains("事件", "暴露垃圾");
        assertThat(garbage.get("description").asString()).contains("立案条件");
        assertThat(s.json().size()).isGreaterThanOrEqualTo(40);

        Reply sx = get("services.xml", "Accept-Language", "en");
        assertThat(sx.contentType()).startsWith("text/xml");
        Document sd = sx.xml();
        assertThat(sd.getDocumentElement().getTagName()).isEqualTo("services");
        List<Element> services = children(sd, "service");
        assertThat(services).hasSize(s.json().size());
        Element c0101 = services.stream().filter(e -> "C0101".equals(text(e, "service_code"))).findFirst().orElseThrow();
        assertThat(text(c0101, "service_name")).isEqualTo("上水井盖丢失");
        assertThat(text(c0101, "keywords")).contains("component");
        assertThat(text(c0101, "description")).startsWith("Filed when:");

        // a 部件 class carries the 16-digit component id; every class the hazard list and the informational notice
        Reply def = get("services/C0101.json");
        assertThat(def.status()).as(def.toString()).isEqualTo(200);
        assertThat(def.json().get("service_code").asString()).isEqualTo("C0101");
        assertThat(def.json().get("attributes").findValuesAsString("code")).containsExactly("privacy_notice", "hazard", "part_code");
        JsonNode hazard = def.json().get("attributes").get(1);
        assertThat(hazard.get("variable").asBoolean()).isTrue();
        assertThat(hazard.get("datatype").asString()).isEqualTo("singlevaluelist");
        assertThat(hazard.get("order").asInt()).isEqualTo(2);
        assertThat(hazard.get("values").findValuesAsString("key")).containsExactly("yes", "no");
        assertThat(def.json().get("attributes").get(0).get("variable").asBoolean()).isFalse();
        Document defx = get("services/E0101.xml").xml();
        assertThat(defx.getDocumentElement().getTagName()).isEqualTo("service_definition");
        assertThat(text(defx.getDocumentElement(), "service_code")).isEqualTo("E0101");
        assertThat(children(defx, "attribute")).extracting(e -> text(e, "code")).containsExactly("privacy_notice", "hazard");
        assertThat(children(defx, "value")).extracting(e -> text(e, "key")).containsExactly("yes", "no");
    }

    @Test
    void postedRequestBecomesACityEventAndReadsBackInBothFormats() {
        String description = "Open311 柳岸路垃圾 <堆放> & \"溢出\" " + UUID.randomUUID();
        Map<String, List<String>> body = garbage(description);
        body.put("email", List.of("li.lei@example.com"));
        body.put("phone", List.of("13912345678"));
        body.put("first_name", List.of("雷"));
        body.put("last_name", List.of("李"));
        body.put("media_url", List.of("https://img.example.org/garbage.jpg"));
        body.put("attribute[hazard]", List.of("yes"));
        String idem = "o311-" + UUID.randomUUID();

        Reply created = post("requests.json", body, "Idempotency-Key", idem);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode answer = created.json().get(0);
        String id = answer.get("service_request_id").asString();
        String token = answer.get("token").asString();
        assertThat(id).matches("SJ\\d{14}");
        assertThat(answer.has("account_id")).isTrue();

        // one entrance: a city event of source OPEN311, placed in the grid and routed by the 事权清单
        Map<String, Object> ev = jdbc.queryForMap("select * from gov_event where event_no = ?", id);
        assertThat(ev.get("source")).isEqualTo("OPEN311");
        assertThat(ev.get("class_code")).isEqualTo("E0101");
        assertThat(ev.get("grid_code")).isEqualTo("339902001001001");
        assertThat(ev.get("department_id")).isEqualTo("dh-hubin");
        assertThat(ev.get("state")).isEqualTo("REPORTED");
        assertThat((String) ev.get("description")).startsWith(description).contains("有安全隐患");
        assertThat((String) ev.get("reporter_account_id")).startsWith("open311:");

        // personal data only encrypted, never in plaintext
        Map<String, Object> o = jdbc.queryForMap("select * from gov_open311_request where event_id = ?", ev.get("id"));
        assertThat(o.values().stream().map(String::valueOf)).noneMatch(v -> v.contains("13912345678") || v.contains("li.lei@example.com"));
        assertThat(vault.reveal(PersonalDataKind.PHONE, (String) o.get("phone_enc"), "test", "test")).isEqualTo("13912345678");
        assertThat(vault.reveal(PersonalDataKind.EMAIL, (String) o.get("email_enc"), "test", "test")).isEqualTo("li.lei@example.com");
        assertThat(jdbc.queryForObject("select count(*) from gov_event where description like ?", Integer.class, "%13912345678%")).isZero();

        // a retry with the same Idempotency-Key is the same request, never a second event
        Reply again = post("requests.json", body, "Idempotency-Key", idem);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get(0).get("service_request_id").asString()).isEqualTo(id);
        assertThat(again.json().get(0).get("token").asString()).isEqualTo(token);
        assertThat(jdbc.queryForObject("select count(*) from gov_event where description like ?", Integer.class, description + "%")).isEqualTo(1);

        // read back: JSON
        Reply one = get("requests/" + id + ".json");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        JsonNode r = one.json().get(0);
        assertThat(r.get("service_request_id").asString()).isEqualTo(id);
        assertThat(r.get("status").asString()).isEqualTo("open");
        assertThat(r.get("status_notes").asString()).isEqualTo("已受理，待立案");
        assertThat(r.get("service_code").asString()).isEqualTo("E0101");
        assertThat(r.get("service_name").asString()).isEqualTo("暴露垃圾");
        assertThat(r.get("description").asString()).isEqualTo(description);
        assertThat(r.get("agency_responsible").asString()).isEqualTo("东湖区湖滨街道办事处");
        assertThat(r.get("requested_datetime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
        assertThat(r.get("expected_datetime").isNull()).isTrue();
        assertThat(r.get("address").asString()).isEqualTo("示例市东湖区湖滨街道柳岸社区");
        assertThat(r.get("lat").asDouble()).isEqualTo(30.0302);
        assertThat(r.get("long").asDouble()).isEqualTo(120.0051);
        assertThat(r.get("media_url").asString()).isEqualTo("https://img.example.org/garbage.jpg");
        assertThat(one.body()).doesNotContain("13912345678", "li.lei", "open311:");

        // read back: XML, parsed by a real parser; the description's <, & and " survive escaping
        Reply onex = get("requests/" + id + ".xml", "Accept-Language", "en-US");
        assertThat(onex.contentType()).startsWith("text/xml");
        Document x = onex.xml();
        assertThat(x.getDocumentElement().getTagName()).isEqualTo("service_requests");
        Element req = children(x, "request").get(0);
        assertThat(text(req, "service_request_id")).isEqualTo(id);
        assertThat(text(req, "description")).isEqualTo(description);
        assertThat(text(req, "status")).isEqualTo("open");
        assertThat(text(req, "status_notes")).isEqualTo("Received, waiting to be filed");
        assertThat(text(req, "long")).isEqualTo("120.0051");

        // officers who see the event get the contact details masked; a full read needs personal-data:read-full (audited)
        JsonNode contact = Api.as(baseUrl(), "demo-supervisor").get("/api/v1/events/" + ev.get("id")).get("reporterContact");
        assertThat(contact.get("phone").asString()).isNotEqualTo("13912345678").contains("*").endsWith("5678");
        assertThat(contact.get("email").asString()).isNotEqualTo("li.lei@example.com");
        assertThat(Api.as(baseUrl(), "demo-admin").get("/api/v1/events/" + ev.get("id")).get("reporterContact").get("phone").asString())
                .isEqualTo("13912345678");

        // tokens
        Reply t = get("tokens/" + token + ".xml");
        assertThat(t.status()).as(t.toString()).isEqualTo(200);
        assertThat(text(t.xml().getDocumentElement(), "service_request_id")).isEqualTo(id);
        assertThat(get("tokens/" + token + ".json").json().get(0).get("service_request_id").asString()).isEqualTo(id);

        // the loop moves on: 立案 and 派遣 show as open with an expected time; 不予立案 of another shows as closed with its reason
        String eventId = (String) ev.get("id");
        assertThat(Api.as(baseUrl(), "demo-supervisor").post("/api/v1/events/" + eventId + "/file", Map.of()).status()).isEqualTo(200);
        assertThat(Api.as(baseUrl(), "demo-dispatcher").post("/api/v1/events/" + eventId + "/dispatch", Map.of()).status()).isEqualTo(200);
        JsonNode dispatched = get("requests/" + id + ".json").json().get(0);
        assertThat(dispatched.get("status_notes").asString()).isEqualTo("已派遣，处置中");
        assertThat(dispatched.get("expected_datetime").asString()).matches("\\d{4}-.*[+-]\\d\\d:\\d\\d");

        Reply other = post("requests.xml", garbage("Open311 重复的垃圾 " + UUID.randomUUID()));
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        Document ox = other.xml();
        String otherId = text(ox.getDocumentElement(), "service_request_id");
        assertThat(text(ox.getDocumentElement(), "token")).isNotBlank();
        String otherEvent = jdbc.queryForObject("select id from gov_event where event_no = ?", String.class, otherId);
        assertThat(Api.as(baseUrl(), "demo-supervisor").post("/api/v1/events/" + otherEvent + "/reject", Map.of("reason", "已有同一处垃圾的案件"))
                .status()).isEqualTo(200);
        JsonNode rejected = get("requests/" + otherId + ".json").json().get(0);
        assertThat(rejected.get("status").asString()).isEqualTo("closed");
        assertThat(rejected.get("status_notes").asString()).isEqualTo("不予立案：已有同一处垃圾的案件");
        assertThat(rejected.has("media_url")).isFalse();

        // GET with filters
        Reply byIds = get("requests.json?service_request_id=" + id + "," + otherId);
        assertThat(byIds.json().findValuesAsString("service_request_id")).containsExactlyInAnyOrder(id, otherId);
        String today = LocalDate.now().toString();
        Reply closed = get("requests.json?status=closed&service_code=E0101&start_date=" + today + "&end_date=" + today);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().findValuesAsString("service_request_id")).contains(otherId).doesNotContain(id);
        assertThat(closed.json().findValuesAsString("status")).containsOnly("closed");
        Reply open = get("requests.xml?status=open&jurisdiction_id=339900");
        assertThat(children(open.xml(), "request")).extracting(e -> text(e, "service_request_id")).contains(id).doesNotContain(otherId);
        Reply otherCode = get("requests.json?service_code=C0101");
        assertThat(otherCode.json().findValuesAsString("service_request_id")).doesNotContain(id, otherId);
        Reply past = get("requests.json?end_date=2020-01-01T00:00:00%2B08:00");
        assertThat(past.json().size()).isZero();
    }

    @Test
    void standardAddressesLocateRequestsWithoutCoordinates() {
        Reply byText = post("requests.json", form("api_key", KEY, "service_code", "E0101", "address_string", "柳岸路8号",
                "description", "address only " + UUID.randomUUID()));
        assertThat(byText.status()).as(byText.toString()).isEqualTo(201);
        JsonNode r = get("requests/" + byText.json().get(0).get("service_request_id").asString() + ".json").json().get(0);
        assertThat(r.get("lat").asDouble()).isEqualTo(30.0225);
        assertThat(r.get("long").asDouble()).isEqualTo(120.0075);
        assertThat(r.get("address").asString()).isEqualTo("柳岸路8号");

        Reply byId = post("requests.json", form("api_key", KEY, "service_code", "C0101", "address_id", "339902001001-02",
                "attribute[part_code]", "3399020101000001", "description", "address id " + UUID.randomUUID()));
        assertThat(byId.status()).as(byId.toString()).isEqualTo(201);

        Reply unknown = post("requests.json", form("api_key", KEY, "service_code", "E0101", "address_string", "不存在路999号"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get(0).get("description").asString()).contains("address_string");
    }

    @Test
    void administratorsRegisterAndDeactivateKeys() {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        assertThat(Api.as(baseUrl(), "demo-supervisor").get("/api/v1/open311/keys").status()).isEqualTo(403);
        Api.Response bad = admin.post("/api/v1/open311/keys", Map.of("owner", " "));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("owner")).isTrue();
        assertThat(bad.namesField("systemName")).isTrue();

        Api.Response created = admin.post("/api/v1/open311/keys", Map.of("owner", "东湖区城市运行管理服务中心", "systemName", "东湖随手拍小程序"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.get("apiKey").asString();
        String id = created.get("id").asString();
        assertThat(key).startsWith("o311-").hasSizeGreaterThan(30);
        assertThat(jdbc.queryForObject("select key_hash from gov_open311_key where id = ?", String.class, id)).hasSize(64).isNotEqualTo(key);
        assertThat(admin.get("/api/v1/open311/keys").body()).contains(id).doesNotContain(key);

        Map<String, List<String>> body = garbage("new key " + UUID.randomUUID());
        body.put("api_key", List.of(key));
        assertThat(post("requests.json", body).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/open311/keys/" + id + "/deactivate", null).get("active").asBoolean()).isFalse();
        body.put("description", List.of("after deactivation " + UUID.randomUUID()));
        assertThat(post("requests.json", body).status()).isEqualTo(403);
        assertThat(admin.post("/api/v1/open311/keys/no-such-key/activate", null).status()).isEqualTo(404);
    }

    @Test
    void errorsAreOpen311ErrorDocuments() {
        // wrong or missing api_key → 403
        Map<String, List<String>> wrongKey = garbage("wrong key " + UUID.randomUUID());
        wrongKey.put("api_key", List.of("not-a-key"));
        Reply forbidden = post("requests.json", wrongKey);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get(0).get("code").asInt()).isEqualTo(403);
        assertThat(forbidden.json().get(0).get("description").asString()).contains("api_key");
        Map<String, List<String>> noKey = garbage("no key " + UUID.randomUUID());
        noKey.remove("api_key");
        Reply forbiddenXml = post("requests.xml", noKey, "Accept-Language", "en");
        assertThat(forbiddenXml.status()).isEqualTo(403);
        Document fx = forbiddenXml.xml();
        assertThat(fx.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(text(fx.getDocumentElement(), "code")).isEqualTo("403");
        assertThat(text(fx.getDocumentElement(), "description")).startsWith("Invalid or missing api_key");
        assertThat(jdbc.queryForObject("select count(*) from gov_event where description like 'wrong key %' or description like 'no key %'",
                Integer.class)).isZero();

        // unknown service_code → 400, in JSON and XML
        Map<String, List<String>> unknownService = garbage("x");
        unknownService.put("service_code", List.of("E9999"));
        Reply bad = post("requests.json", unknownService);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get(0).get("code").asInt()).isEqualTo(400);
        assertThat(bad.json().get(0).get("description").asString()).contains("service_code");
        assertThat(post("requests.xml", unknownService).xml().getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(get("services/E9999.xml").status()).isEqualTo(400);

        // coordinates outside the city → 400 naming lat and long
        Map<String, List<String>> outside = garbage("outside " + UUID.randomUUID());
        outside.put("lat", List.of("39.9"));
        outside.put("long", List.of("116.4"));
        Reply out = post("requests.json", outside, "Accept-Language", "en");
        assertThat(out.status()).as(out.toString()).isEqualTo(400);
        assertThat(out.json().findValuesAsString("description")).anyMatch(s -> s.startsWith("long:") && s.contains("outside the city"))
                .anyMatch(s -> s.startsWith("lat:"));

        // missing location, bad numbers, bad contact data, attributes
        Map<String, List<String>> noPlace = garbage("x");
        noPlace.remove("lat");
        noPlace.remove("long");
        assertThat(post("requests.json", noPlace).json().get(0).get("description").asString()).contains("lat");
        Map<String, List<String>> junk = garbage("x");
        junk.put("lat", List.of("north"));
        junk.put("email", List.of("not-an-email"));
        junk.put("attribute[hazard]", List.of("maybe"));
        junk.put("attribute[colour]", List.of("red"));
        junk.put("media_url", List.of("javascript:alert(1)"));
        Reply many = post("requests.json", junk, "Accept-Language", "en");
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.json().findValuesAsString("description")).hasSize(5)
                .anyMatch(s -> s.startsWith("lat must"))
                .anyMatch(s -> s.startsWith("email"))
                .anyMatch(s -> s.contains("attribute[hazard]"))
                .anyMatch(s -> s.contains("attribute[colour]"))
                .anyMatch(s -> s.startsWith("media_url"));

        // jurisdiction_id of another city → 404; unknown request and token → 404; bad filters → 400
        Map<String, List<String>> elsewhere = garbage("x");
        elsewhere.put("jurisdiction_id", List.of("sf.gov"));
        assertThat(post("requests.json", elsewhere).status()).isEqualTo(404);
        assertThat(get("services.json?jurisdiction_id=110000").status()).isEqualTo(404);
        Reply missing = get("requests/SJ20000101000001.xml");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(text(missing.xml().getDocumentElement(), "code")).isEqualTo("404");
        assertThat(get("tokens/" + UUID.randomUUID() + ".json").status()).isEqualTo(404);
        assertThat(get("requests.json?status=pending").status()).isEqualTo(400);
        assertThat(get("requests.json?start_date=yesterday").status()).isEqualTo(400);
        assertThat(get("requests.json?start_date=2026-02-01&end_date=2026-01-01").status()).isEqualTo(400);
        Reply format = get("services.html");
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.json().get(0).get("code").asInt()).isEqualTo(400);

        // reusing an Idempotency-Key for a different request is refused, still as an error document
        String idem = "o311-" + UUID.randomUUID();
        assertThat(post("requests.json", garbage("first " + UUID.randomUUID()), "Idempotency-Key", idem).status()).isEqualTo(201);
        Reply reused = post("requests.json", garbage("second " + UUID.randomUUID()), "Idempotency-Key", idem);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get(0).get("code").asInt()).isEqualTo(422);
    }
}
