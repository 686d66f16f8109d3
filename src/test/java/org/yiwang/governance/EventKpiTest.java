package org.yiwang.governance;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * 统一考核 KPIs on a controlled set of events: each is reported and pushed through its transitions over the API, then its
 * times are moved into March 2021 (Asia/Shanghai), a month no other test uses, so the expected figures can be computed
 * by hand: which date decides the period for each count, the 缓办 subtraction in 按期结案率, the day and month boundaries,
 * the scope, the 综合指标值 with its grade, and the CSV/XLSX exports.
 */
class EventKpiTest extends IntegrationTest {

    static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    static final String LIUAN = "339902001001"; // 柳岸社区, grid 339902001001001

    /** Events of this test by letter, created once per JVM (the database outlives test methods). */
    static final Map<String, String> IDS = new LinkedHashMap<>();

    private Api.Client as(String user) {
        return Api.as(baseUrl(), user);
    }

    static Timestamp t(String local) {
        return Timestamp.from(LocalDateTime.parse(local).atZone(SH).toInstant());
    }

    private String report(String letter) {
        Map<String, Object> m = new HashMap<>();
        m.put("classCode", "E0101");
        m.put("description", "考核测试 " + letter + " " + UUID.randomUUID());
        m.put("lon", 120.0051);
        m.put("lat", 30.0302);
        Api.Response r = as("demo-citizen").post("/api/v1/events", m);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id").asString();
    }

    private void act(String user, String id, String action, Map<String, Object> body) {
        Api.Response r = as(user).post("/api/v1/events/" + id + "/" + action, body);
        assertThat(r.status()).as(action + " " + r).isEqualTo(200);
    }

    private void fileAndDispatch(String id) {
        act("demo-supervisor", id, "file", Map.of("classCode", "E0101"));
        act("demo-dispatcher", id, "dispatch", Map.of("departmentId", "dh-urban"));
    }

    /** Moves an event's times (null keeps the column as the transitions left it, e.g. null) and its history entries. */
    private void times(String id, String created, String filed, String dispatched, String deadline, String closed, Map<String, String> history) {
        jdbc.update("update gov_event set created_at = ?, filed_at = ?, dispatched_at = ?, deadline = ?, closed_at = ? where id = ?",
                t(created), filed == null ? null : t(filed), dispatched == null ? null : t(dispatched), deadline == null ? null : t(deadline),
                closed == null ? null : t(closed), id);
        jdbc.update("update gov_event_history set at = ? where event_id = ?", t(created), id);
        history.forEach((action, at) -> jdbc.update("update gov_event_history set at = ? where event_id = ? and action = ?", t(at), id, action));
    }

    @BeforeEach
    synchronized void events() {
        if (!IDS.isEmpty()) {
            return;
        }
        // A: closed on time
        String a = report("A");
        fileAndDispatch(a);
        act("demo-officer", a, "handle", Map.of("comment", "已清理"));
        act("demo-supervisor", a, "verify", Map.of("passed", true));
        times(a, "2021-03-02T09:00", "2021-03-02T10:00", "2021-03-02T11:00", "2021-03-03T11:00", "2021-03-03T10:00",
                Map.of("file", "2021-03-02T10:00", "dispatch", "2021-03-02T11:00", "handle", "2021-03-03T09:00", "verify-pass", "2021-03-03T10:00"));
        // B: 返工 once, then closed late
        String b = report("B");
        fileAndDispatch(b);
        act("demo-officer", b, "handle", Map.of("comment", "已清理"));
        act("demo-supervisor", b, "verify", Map.of("passed", false, "comment", "仍有残留"));
        act("demo-officer", b, "handle", Map.of("comment", "再次清理"));
        act("demo-supervisor", b, "verify", Map.of("passed", true));
        times(b, "2021-03-05T08:00", "2021-03-05T09:00", "2021-03-05T10:00", "2021-03-08T10:00", "2021-03-09T15:00",
                Map.of("file", "2021-03-05T09:00", "dispatch", "2021-03-05T10:00", "verify-fail", "2021-03-06T10:00", "verify-pass", "2021-03-09T15:00"));
        // C: 延期 approved, still open past its deadline
        String c = report("C");
        fileAndDispatch(c);
        act("demo-officer", c, "extend", Map.of("amount", 2, "unit", "WORKING_DAYS", "reason", "需协调"));
        act("demo-dispatcher", c, "approve-extension", Map.of());
        times(c, "2021-03-10T08:00", "2021-03-10T09:00", "2021-03-10T10:00", "2021-03-15T10:00", null,
                Map.of("file", "2021-03-10T09:00", "dispatch", "2021-03-10T10:00", "extend", "2021-03-11T09:00", "approve-extension", "2021-03-11T10:00"));
        // D: 缓办 while dispatched, deadline in March
        String d = report("D");
        fileAndDispatch(d);
        act("demo-dispatcher", d, "suspend", Map.of("reason", "待天气好转"));
        times(d, "2021-03-12T08:00", "2021-03-12T09:00", "2021-03-12T10:00", "2021-03-14T10:00", null,
                Map.of("file", "2021-03-12T09:00", "dispatch", "2021-03-12T10:00", "suspend", "2021-03-13T10:00"));
        // E: filed only
        String e = report("E");
        act("demo-supervisor", e, "file", Map.of("classCode", "E0101"));
        times(e, "2021-03-20T08:00", "2021-03-20T09:00", null, null, null, Map.of("file", "2021-03-20T09:00"));
        // F: 不予立案
        String f = report("F");
        act("demo-supervisor", f, "reject", Map.of("reason", "不属于受理范围"));
        times(f, "2021-03-21T08:00", null, null, null, "2021-03-21T09:00", Map.of("reject", "2021-03-21T09:00"));
        // G: reported in the last second of March
        String g = report("G");
        times(g, "2021-03-31T23:59:59", null, null, null, null, Map.of());
        // H: received in February, filed at the first instant of March, closed early; its deadline is the first instant of April
        String h = report("H");
        fileAndDispatch(h);
        act("demo-officer", h, "handle", Map.of("comment", "已清理"));
        act("demo-supervisor", h, "verify", Map.of("passed", true));
        times(h, "2021-02-27T08:00", "2021-03-01T00:00", "2021-03-01T01:00", "2021-04-01T00:00", "2021-03-30T12:00",
                Map.of("file", "2021-03-01T00:00", "dispatch", "2021-03-01T01:00", "verify-pass", "2021-03-30T12:00"));
        // J: reported at the first instant of April
        String j = report("J");
        times(j, "2021-04-01T00:00", null, null, null, null, Map.of());
        IDS.putAll(Map.of("A", a, "B", b, "C", c, "D", d, "E", e, "F", f, "G", g, "H", h, "J", j));
    }

    private static void counts(JsonNode v, long received, long filed, long dispatched, long due, long closed, long onTime, long reworked,
                               long extended, long suspended) {
        assertThat(List.of(v.get("received").asLong(), v.get("filed").asLong(), v.get("dispatched").asLong(), v.get("due").asLong(),
                v.get("closed").asLong(), v.get("closedOnTime").asLong(), v.get("reworked").asLong(), v.get("extended").asLong(),
                v.get("suspended").asLong()))
                .as("受理 立案 派遣 应结案 结案 按期结案 返工 延期 缓办 of " + v)
                .containsExactly(received, filed, dispatched, due, closed, onTime, reworked, extended, suspended);
    }

    @Test
    void marchCountsEachByItsOwnDateAndSubtractsSuspendedFromTheOnTimeBase() {
        Api.Response r = as("demo-supervisor").get("/api/v1/event-kpis?period=month&date=2021-03&regionCode=" + LIUAN);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode total = r.get("total");
        // 受理 A B C D E F G (H in Feb, J in Apr); 立案 A B C D E H; 派遣 A B C D H;
        // 应结案 = deadline in March: A B C D (H's deadline is 04-01 00:00); 结案 A B; 按期 A; 返工 B; 延期 C; 缓办 D
        counts(total, 7, 6, 5, 4, 2, 1, 1, 1, 1);
        assertThat(total.get("filingRate").asDouble()).isCloseTo(6.0 / 7, within(1e-9));
        assertThat(total.get("dispatchRate").asDouble()).isCloseTo(5.0 / 6, within(1e-9));
        assertThat(total.get("closingRate").asDouble()).isCloseTo(0.5, within(1e-9));
        // 按期结案率 = 按期结案数 / (应结案数 − 缓办数) = 1 / (4 − 1)
        assertThat(total.get("onTimeRate").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(total.get("reworkRate").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(total.get("extensionRate").asDouble()).isCloseTo(0.2, within(1e-9));
        // 综合指标值 with the seeded weights 10/10/25/35/10/10 and targets .9/.95/.9/.7 (higher better), .05/.1 (lower better):
        // 95.238, 87.719, 55.556, 47.619, 84.211, 88.889 → 66.16, grade C 合格 (60 ≤ score < 80)
        assertThat(total.get("score").asDouble()).isEqualTo(66.16);
        assertThat(total.get("grade").asString()).isEqualTo("C");
        assertThat(total.get("gradeLabel").asString()).isEqualTo("合格");
        assertThat(r.get("regionName").asString()).isEqualTo("柳岸社区");
        assertThat(Instant.parse(r.get("start").asString())).isEqualTo(t("2021-03-01T00:00").toInstant());
        assertThat(Instant.parse(r.get("end").asString())).isEqualTo(t("2021-04-01T00:00").toInstant());
    }

    @Test
    void aprilAndDayBoundaries() {
        Api.Response april = as("demo-supervisor").get("/api/v1/event-kpis?period=month&date=2021-04-15&regionCode=" + LIUAN);
        // J received; H due (deadline 04-01 00:00), closed early → on time
        counts(april.get("total"), 1, 0, 0, 1, 1, 1, 0, 0, 0);
        assertThat(april.get("total").get("onTimeRate").asDouble()).isEqualTo(1.0);
        assertThat(april.get("total").get("filingRate").asDouble()).isEqualTo(0.0);
        Api.Response last = as("demo-supervisor").get("/api/v1/event-kpis?period=day&date=2021-03-31&regionCode=" + LIUAN);
        counts(last.get("total"), 1, 0, 0, 0, 0, 0, 0, 0, 0);
        Api.Response first = as("demo-supervisor").get("/api/v1/event-kpis?period=day&date=2021-03-01&regionCode=" + LIUAN);
        counts(first.get("total"), 0, 1, 1, 0, 0, 0, 0, 0, 0);
        assertThat(first.get("total").get("filingRate").isNull()).as("no denominator → null").isTrue();
        assertThat(first.get("total").get("closingRate").isNull()).isTrue();
        // week of Monday 2021-03-08 … Sunday 03-14: 受理 C D; 立案/派遣 C D; 应结案 B (03-08) D (03-14); 延期 C (03-11); 缓办 D
        Api.Response week = as("demo-supervisor").get("/api/v1/event-kpis?period=week&date=2021-03-10&regionCode=" + LIUAN);
        counts(week.get("total"), 2, 2, 2, 2, 1, 0, 0, 1, 1);
        assertThat(week.get("total").get("onTimeRate").asDouble()).isEqualTo(0.0);
        // custom range over both months, broken down by month: the rows add up to the total
        Api.Response custom = as("demo-supervisor").get("/api/v1/event-kpis?from=2021-02-01&to=2021-04-30&groupBy=month&regionCode=" + LIUAN);
        assertThat(custom.status()).as(custom.toString()).isEqualTo(200);
        counts(custom.get("total"), 9, 6, 5, 5, 3, 2, 1, 1, 1);
        JsonNode rows = custom.get("rows");
        assertThat(rows.size()).isEqualTo(3);
        assertThat(rows.get(0).get("key").asString()).isEqualTo("2021-02");
        counts(rows.get(0), 1, 0, 0, 0, 0, 0, 0, 0, 0);
        counts(rows.get(1), 7, 6, 5, 4, 2, 1, 1, 1, 1);
        counts(rows.get(2), 1, 0, 0, 1, 1, 1, 0, 0, 0);
        Api.Response days = as("demo-supervisor").get("/api/v1/event-kpis?period=month&date=2021-03&groupBy=day&regionCode=" + LIUAN);
        assertThat(days.get("rows").size()).isEqualTo(31);
        assertThat(days.get("rows").get(30).get("received").asLong()).isEqualTo(1);
    }

    @Test
    void breakdownsAndScope() {
        // by department: A B C D H went to dh-urban (H received in February), E F G stayed with dh-hubin (事权清单 of 湖滨街道)
        Api.Response dept = as("demo-supervisor").get("/api/v1/event-kpis?period=month&date=2021-03&groupBy=department&regionCode=" + LIUAN);
        Map<String, JsonNode> byKey = new HashMap<>();
        dept.get("rows").forEach(n -> byKey.put(n.get("key").asString(), n));
        counts(byKey.get("dh-urban"), 4, 5, 5, 4, 2, 1, 1, 1, 1);
        counts(byKey.get("dh-hubin"), 3, 1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(byKey.get("dh-hubin").get("label").asString()).contains("湖滨街道");
        // by region from 湖滨街道: the row of 柳岸社区 carries everything
        Api.Response region = as("demo-supervisor").get("/api/v1/event-kpis?period=month&date=2021-03&groupBy=region&regionCode=339902001000");
        JsonNode liuan = null;
        for (JsonNode n : region.get("rows")) {
            if (n.get("key").asString().equals(LIUAN)) {
                liuan = n;
            }
        }
        assertThat(liuan).as(region.toString()).isNotNull();
        counts(liuan, 7, 6, 5, 4, 2, 1, 1, 1, 1);
        assertThat(liuan.get("label").asString()).isEqualTo("柳岸社区");
        // by grid
        Api.Response grid = as("demo-supervisor").get("/api/v1/event-kpis?period=month&date=2021-03&groupBy=grid&grid=339902001001001");
        counts(grid.get("rows").get(0), 7, 6, 5, 4, 2, 1, 1, 1, 1);
        // the handler of dh-urban sees only dh-urban's events
        Api.Response officer = as("demo-officer").get("/api/v1/event-kpis?period=month&date=2021-03&regionCode=" + LIUAN);
        counts(officer.get("total"), 4, 5, 5, 4, 2, 1, 1, 1, 1);
        // 西山区 sees nothing of 东湖区; citizens may not ask
        Api.Response xishan = as("demo-officer-xishan").get("/api/v1/event-kpis?period=month&date=2021-03&regionCode=" + LIUAN);
        counts(xishan.get("total"), 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(as("demo-citizen").get("/api/v1/event-kpis?period=month&date=2021-03").status()).isEqualTo(403);
    }

    @Test
    void badInputNamesTheParameter() {
        Api.Client s = as("demo-supervisor");
        assertThat(s.get("/api/v1/event-kpis?period=year").namesField("period")).isTrue();
        assertThat(s.get("/api/v1/event-kpis?period=month&date=2021-13").namesField("date")).isTrue();
        assertThat(s.get("/api/v1/event-kpis?period=custom").namesField("from")).isTrue();
        assertThat(s.get("/api/v1/event-kpis?from=2021-03-05&to=2021-03-01").namesField("to")).isTrue();
        assertThat(s.get("/api/v1/event-kpis?groupBy=street").namesField("groupBy")).isTrue();
        assertThat(s.get("/api/v1/event-kpis?regionCode=3399").namesField("regionCode")).isTrue();
        Api.Response unknown = s.get("/api/v1/event-kpis?regionCode=339999999999");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.namesField("regionCode")).isTrue();
        assertThat(s.get("/api/v1/event-kpis?from=2020-01-01&to=2021-03-01&groupBy=day").namesField("groupBy")).isTrue();
    }

    @Test
    void configurableWeightsChangeTheScoreAndGrade() {
        Api.Client admin = as("demo-admin");
        JsonNode original = admin.get("/api/v1/event-kpis/config").json();
        try {
            // only 按期结案率 counts, full marks at 1/3 → 100, grade A
            List<Map<String, Object>> indicators = List.of(
                    Map.of("code", "onTimeRate", "weight", 1, "target", 0.3333, "higherBetter", true),
                    Map.of("code", "closingRate", "weight", 0, "target", 0.9, "higherBetter", true));
            List<Map<String, Object>> grades = List.of(
                    Map.of("grade", "A", "minScore", 95, "labelZh", "优秀", "labelEn", "excellent", "colour", "#2e7d32"),
                    Map.of("grade", "D", "minScore", 0, "labelZh", "不合格", "labelEn", "fail", "colour", "#c62828"));
            Api.Response denied = as("demo-supervisor").put("/api/v1/event-kpis/config", Map.of("indicators", indicators, "grades", grades));
            assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
            Api.Response bad = admin.put("/api/v1/event-kpis/config", Map.of("indicators",
                    List.of(Map.of("code", "onTimeRate", "weight", -1, "target", 2)), "grades", List.of(
                            Map.of("grade", "A", "minScore", 50, "labelZh", "优", "labelEn", "ok", "colour", "green"))));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.namesField("indicators[0].weight")).isTrue();
            assertThat(bad.namesField("indicators[0].target")).isTrue();
            assertThat(bad.namesField("grades[0].colour")).isTrue();
            Api.Response ok = admin.put("/api/v1/event-kpis/config", Map.of("indicators", indicators, "grades", grades));
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            JsonNode total = as("demo-supervisor").get("/api/v1/event-kpis?period=month&date=2021-03&regionCode=" + LIUAN).get("total");
            assertThat(total.get("score").asDouble()).isEqualTo(100.0);
            assertThat(total.get("grade").asString()).isEqualTo("A");
        } finally {
            Api.Response back = admin.put("/api/v1/event-kpis/config", original);
            assertThat(back.status()).as(back.toString()).isEqualTo(200);
        }
    }

    private HttpResponse<byte[]> download(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + as("demo-supervisor").token()).GET().build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void csvAndXlsxCarryChineseHeadersAndTheFigures() throws Exception {
        String q = "?period=month&date=2021-03&groupBy=department&regionCode=" + LIUAN;
        HttpResponse<byte[]> csv = download("/api/v1/event-kpis.csv" + q);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF分组代码,名称,受理数,立案数,派遣数,应结案数,结案数,按期结案数,返工数,延期数,缓办数,立案率,派遣率,结案率,按期结案率,返工率,延期率,综合指标值,等级");
        assertThat(text).contains("\r\ntotal,合计,7,6,5,4,2,1,1,1,1,85.71%,83.33%,50.00%,33.33%,20.00%,20.00%,66.16,C 合格\r\n");

        HttpResponse<byte[]> xlsx = download("/api/v1/event-kpis.xlsx" + q);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = wb.getSheet("考核指标");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("柳岸社区").contains("2021-03-01");
            assertThat(sheet.getRow(1).getCell(14).getStringCellValue()).isEqualTo("按期结案率");
            Row total = sheet.getRow(sheet.getLastRowNum());
            assertThat(total.getCell(1).getStringCellValue()).isEqualTo("合计");
            assertThat(total.getCell(2).getNumericCellValue()).isEqualTo(7.0);
            assertThat(total.getCell(14).getNumericCellValue()).isCloseTo(1.0 / 3, within(1e-9));
            assertThat(total.getCell(14).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
            assertThat(total.getCell(17).getNumericCellValue()).isEqualTo(66.16);
        }
    }
}
