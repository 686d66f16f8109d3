package org.yiwang.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * The authorisation matrix of issue 6 (item 3) as ONE table: every row is an endpoint group × a record whose owner,
 * district (东湖区 339902 / 西山区 339903) and department are fixed by the fixtures below, and the expected status for
 * every caller column. Direct-id (IDOR) reads and writes of records that belong to someone else or to another
 * district must answer 404 (the record's existence is not disclosed) or 403 (the role may not do this at all);
 * anonymous callers get 401. {@code -} skips a cell (a caller that may legitimately change the record, which would
 * make the row depend on the order of the columns).
 *
 * <p>To cover a new endpoint group, add a fixture (a record created once, by a known owner and in a known district)
 * to {@link #fixtures} and rows to {@link #TABLE}; see the commented extension rows for applications and licenses.
 */
class AccessMatrixTest extends IntegrationTest {

    /** Caller columns, in table order. {@code citizen2} is a second citizen registered by the fixtures. */
    static final List<String> CALLERS = List.of("demo-citizen", "citizen2", "demo-enterprise", "demo-clerk", "demo-officer",
            "demo-officer-xishan", "demo-supervisor", "demo-dispatcher", "demo-gridworker", "demo-admin", "anonymous");

    /**
     * group | what | METHOD path (with {fixture} ids) [JSON body] | expected status per caller column.
     * Fixtures: ev-hubin (demo-citizen's 随手拍 in 柳岸社区, 东湖区, department dh-hubin), ev-urban (demo-citizen's, 书香社区,
     * dh-urban), ev-xishan (citizen2's, 西山区), f-citizen (demo-citizen's upload), f-citizen2, f-urban (demo-officer's
     * upload for 东湖区 dh-urban), f-xishan (demo-officer-xishan's upload for 西山区 xs-urban), none (an id that does not exist).
     */
    static final String TABLE = """
            #                                                                       cit  cit2 ent  clerk off  offXS sup  disp grid admin anon
            events | own/other reporter, district, dept | GET /api/v1/events/{ev-hubin}        | 200 404 404 404 404 404 200 200 200 200 401
            events | own/other reporter, district, dept | GET /api/v1/events/{ev-urban}        | 200 404 404 404 200 404 200 200 404 200 401
            events | own/other reporter, district, dept | GET /api/v1/events/{ev-xishan}       | 404 200 404 404 404 200 404 404 404 200 401
            events | unknown id                         | GET /api/v1/events/{none}            | 404 404 404 404 404 404 404 404 404 404 401
            events | IDOR 立案 in another district      | POST /api/v1/events/{ev-xishan}/file {"classCode":"E0101"} | 404 403 404 404 404 403 404 404 404 - 401
            events | IDOR 处置 of another department    | POST /api/v1/events/{ev-hubin}/handle {"comment":"x"}      | 403 404 404 404 404 404 403 403 403 - 401
            events | IDOR 评价 of another's report      | POST /api/v1/events/{ev-xishan}/rate {"rating":1}          | 404 - 404 404 404 403 404 404 404 - 401
            events | IDOR 合并 across districts         | POST /api/v1/events/{ev-hubin}/merge-into/{ev-xishan}      | 404 404 404 404 404 404 404 404 404 - 401
            files  | owner's upload                      | GET /api/v1/files/{f-citizen}/meta   | 200 404 404 404 404 404 404 404 404 200 401
            files  | owner's upload, content             | GET /api/v1/files/{f-citizen}        | 200 404 404 404 404 404 404 404 404 200 401
            files  | owner's upload, re-hash             | GET /api/v1/files/{f-citizen}/verify | 200 404 404 404 404 404 404 404 404 200 401
            files  | another citizen's upload            | GET /api/v1/files/{f-citizen2}/meta  | 404 200 404 404 404 404 404 404 404 200 401
            files  | 东湖区 dh-urban officer's upload    | GET /api/v1/files/{f-urban}/meta     | 404 404 404 404 200 404 200 200 404 200 401
            files  | 西山区 xs-urban officer's upload    | GET /api/v1/files/{f-xishan}         | 404 404 404 404 404 200 404 404 404 200 401
            files  | unknown id                          | GET /api/v1/files/{none}             | 404 404 404 404 404 404 404 404 404 404 401
            # extension rows — applications (一网通办) and licenses (电子证照), once their HTTP APIs land: add fixtures
            # app-citizen (demo-citizen's application at 东湖区) / app-xishan and lic-citizen / lic-xishan, then e.g.
            # applications | own/other applicant | GET /api/v1/applications/{app-citizen} | 200 404 404 200 200 404 ... 200 401
            # licenses     | holder / other      | GET /api/v1/licenses/{lic-citizen}     | 200 404 404 200 200 404 ... 200 401
            """;

    record Row(String group, String what, String method, String path, String body, List<String> expected) {
        @Override
        public String toString() {
            return group + " · " + what + " · " + method + " " + path;
        }
    }

    private static final Pattern LINE = Pattern.compile("^(\\S+)\\s*\\|\\s*(.+?)\\s*\\|\\s*(GET|POST|PUT|PATCH|DELETE)\\s+(\\S+)\\s*(\\{.*})?\\s*\\|\\s*(.+)$");

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : TABLE.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(t);
            if (!m.matches()) {
                throw new IllegalStateException("bad matrix row: " + t);
            }
            List<String> expected = List.of(m.group(6).trim().split("\\s+"));
            if (expected.size() != CALLERS.size()) {
                throw new IllegalStateException("row needs " + CALLERS.size() + " cells: " + t);
            }
            rows.add(new Row(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), expected));
        }
        return rows.stream();
    }

    private static final Map<String, String> FIXTURES = new LinkedHashMap<>();
    private static String citizen2;

    @BeforeEach
    void fixtures() {
        synchronized (FIXTURES) {
            if (!FIXTURES.isEmpty()) {
                return;
            }
            citizen2 = Fixtures.newCitizen(baseUrl(), "matrix2");
            FIXTURES.put("ev-hubin", report("demo-citizen", 120.0051, 30.0302));
            FIXTURES.put("ev-urban", report("demo-citizen", 120.005, 30.1));
            FIXTURES.put("ev-xishan", report("citizen2", 120.11, 30.03));
            FIXTURES.put("f-citizen", upload("demo-citizen", Map.of()));
            FIXTURES.put("f-citizen2", upload("citizen2", Map.of()));
            FIXTURES.put("f-urban", upload("demo-officer", Map.of("regionCode", "339902000000", "departmentId", "dh-urban")));
            FIXTURES.put("f-xishan", upload("demo-officer-xishan", Map.of("regionCode", "339903000000", "departmentId", "xs-urban")));
            FIXTURES.put("none", "00000000-0000-0000-0000-000000000000");
        }
    }

    private Api.Client client(String caller) {
        return switch (caller) {
            case "anonymous" -> Api.anonymous(baseUrl());
            case "citizen2" -> Api.as(baseUrl(), citizen2, Fixtures.PASSWORD);
            default -> Api.as(baseUrl(), caller);
        };
    }

    private String report(String caller, double lon, double lat) {
        Api.Response r = client(caller).post("/api/v1/events", Map.of("classCode", "E0101", "description", "权限矩阵测试 " + caller,
                "lon", lon, "lat", lat));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id").asString();
    }

    private String upload(String caller, Map<String, String> fields) {
        Api.Response r = Fixtures.upload(baseUrl(), client(caller).token(), "matrix.png", "image/png", Fixtures.png(0x123456), fields);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id").asString();
    }

    private static String resolve(String template) {
        Matcher m = Pattern.compile("\\{([a-z0-9-]+)}").matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String id = FIXTURES.get(m.group(1));
            if (id == null) {
                throw new IllegalStateException("unknown fixture " + m.group(1));
            }
            m.appendReplacement(sb, id);
        }
        return m.appendTail(sb).toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyCallerGetsExactlyTheExpectedAnswer(Row row) {
        String path = resolve(row.path());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < CALLERS.size(); i++) {
            String want = row.expected().get(i);
            if (want.equals("-")) {
                continue;
            }
            Api.Response r = client(CALLERS.get(i)).send(row.method(), path, row.body(), Map.of());
            if (r.status() != Integer.parseInt(want)) {
                mismatches.add(CALLERS.get(i) + ": expected " + want + ", got " + r.status() + " " + abbreviate(r.body()));
            }
            if (r.status() >= 400) {
                assertThat(r.header("Content-Type")).as(CALLERS.get(i) + " " + row).startsWith("application/problem+json");
            }
        }
        assertThat(mismatches).as(row.toString()).isEmpty();
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }
}
