package org.yiwang.governance.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * City-event throughput, run by {@code bench/events.sh} against a running platform on PostgreSQL loaded with past events
 * (not part of the test suite). {@code clients} threads run full cycles over HTTP — 随手拍 report (demo-citizen) → 立案
 * (demo-supervisor) → 派遣 (demo-dispatcher) → 处置 (demo-officer) → 核查 passed (demo-supervisor) — each followed by a search
 * (the supervisor's list of open events), for {@code seconds}; then KPI queries per region and month. Prints cycles/s and
 * p50/p99 per call. Anchor in the same run: the same rows written by bare JDBC (insert, four updates, five history inserts,
 * one transaction per step, same number of clients), and the published eGov DIGIT figures as a reference line.
 */
public final class EventsBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

    final String base;
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    final AtomicLong failures = new AtomicLong();
    final Map<String, String> lastFailure = new ConcurrentHashMap<>();

    EventsBench(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String password = args[1];
        String jdbcUrl = args[2];
        int clients = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        EventsBench b = new EventsBench(base);
        for (String u : List.of("demo-citizen", "demo-supervisor", "demo-dispatcher", "demo-officer", "demo-admin")) {
            b.tokens.put(u, b.login(u, password));
        }
        long events;
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            var rs = c.createStatement().executeQuery("select count(*) from gov_event");
            rs.next();
            events = rs.getLong(1);
        }
        System.out.printf("gov_event rows at start: %,d; %d clients, %d s%n", events, clients, seconds);

        // warm-up (JIT, connection pool), not counted
        b.run(clients, 10, false);
        b.latencies.clear();
        b.failures.set(0);
        long[] done = b.run(clients, seconds, true);
        double cps = done[0] / (done[1] / 1e9);
        System.out.printf("HTTP full cycles   %,d cycles in %.1f s: %.1f cycles/s (each 5 calls + 1 search; %d failed calls)%n",
                done[0], done[1] / 1e9, cps, b.failures.get());
        if (!b.lastFailure.isEmpty()) {
            System.out.println("  last failures: " + b.lastFailure);
        }
        for (String call : List.of("report", "file", "dispatch", "handle", "verify", "search")) {
            b.print(call);
        }

        // KPI queries per region and month (one client), as the administrator (whole city) and by district
        List<String> regions = List.of("339900000000", "339902000000", "339903000000", "339902001000");
        YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        for (int round = 0; round < 2; round++) {
            b.latencies.remove("kpi month×region");
            b.latencies.remove("kpi month×region groupBy=region");
            for (int m = 1; m <= 12; m++) {
                for (String r : regions) {
                    b.call("kpi month×region", "demo-admin", "GET", "/api/v1/event-kpis?period=month&date=" + now.minusMonths(m) + "&regionCode=" + r, null);
                    b.call("kpi month×region groupBy=region", "demo-admin", "GET",
                            "/api/v1/event-kpis?period=month&date=" + now.minusMonths(m) + "&groupBy=region&regionCode=" + r, null);
                }
            }
        }
        b.print("kpi month×region");
        b.print("kpi month×region groupBy=region");
        JsonNode sample = JSON.readTree(b.call("kpi", "demo-admin", "GET", "/api/v1/event-kpis?period=month&date=" + now.minusMonths(1)
                + "&regionCode=339900000000", null).body());
        System.out.printf("  e.g. %s %s: 受理 %,d 立案 %,d 应结案 %,d 结案 %,d 按期结案率 %.1f%% 综合指标值 %s%n", now.minusMonths(1), "示例市",
                sample.get("total").get("received").asLong(), sample.get("total").get("filed").asLong(), sample.get("total").get("due").asLong(),
                sample.get("total").get("closed").asLong(), sample.get("total").get("onTimeRate").asDouble() * 100, sample.get("total").get("score"));

        // anchor: the same rows by bare JDBC
        double anchor = anchor(jdbcUrl, clients, Math.max(10, seconds / 2));
        System.out.printf("anchor bare JDBC   %.1f cycles/s (insert + 4 updates + 5 history rows, one transaction per step, %d clients)%n",
                anchor, clients);
        System.out.println("reference          eGov DIGIT complaint service (published): 37 cycles/s empty, 6.3 cycles/s at 1M records, 8–16 vCPU");
        System.out.printf("goal               ≥ 300 cycles/s at 1M records on 2 cores: %s%n", cps >= 300 ? "met" : "not met");
    }

    String login(String user, String password) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", user, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in " + user + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("accessToken").asString();
    }

    HttpResponse<String> call(String name, String user, String method, String path, Object body) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tokens.get(user)).header("Accept", "application/json");
        if (body != null) {
            rb.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        long dt = System.nanoTime() - t0;
        latencies.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>())).add(dt);
        if (r.statusCode() >= 300) {
            failures.incrementAndGet();
            lastFailure.put(name, r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length())));
            throw new IllegalStateException(name + " " + r.statusCode());
        }
        return r;
    }

    /** One full cycle and a search; returns normally only when every call succeeded. */
    void cycle(SplittableRandom rnd) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("classCode", "E0101");
        report.put("description", "压测随手拍 " + UUID.randomUUID());
        // points over 东湖区 (the demo officers' district), spread so that the duplicate check sees few neighbours
        report.put("lon", 120.005 + rnd.nextDouble() * 0.085);
        report.put("lat", 30.005 + rnd.nextDouble() * 0.14);
        String id = JSON.readTree(call("report", "demo-citizen", "POST", "/api/v1/events", report).body()).get("id").asString();
        call("file", "demo-supervisor", "POST", "/api/v1/events/" + id + "/file", Map.of("classCode", "E0101"));
        call("dispatch", "demo-dispatcher", "POST", "/api/v1/events/" + id + "/dispatch", Map.of("departmentId", "dh-urban"));
        call("handle", "demo-officer", "POST", "/api/v1/events/" + id + "/handle", Map.of("comment", "已处置"));
        call("verify", "demo-supervisor", "POST", "/api/v1/events/" + id + "/verify", Map.of("passed", true));
        call("search", "demo-supervisor", "GET", "/api/v1/events?state=DISPATCHED,HANDLED&limit=20", null);
    }

    /** Runs cycles on {@code clients} threads for {@code seconds}; returns {completed cycles, elapsed ns}. */
    long[] run(int clients, int seconds, boolean measured) throws Exception {
        AtomicInteger cycles = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch doneLatch = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            int seed = i;
            Thread.ofPlatform().start(() -> {
                SplittableRandom rnd = new SplittableRandom(seed * 7919L + (measured ? 1 : 0));
                try {
                    while (System.nanoTime() < end) {
                        try {
                            cycle(rnd);
                            cycles.incrementAndGet();
                        } catch (Exception e) {
                            // counted in failures; go on
                        }
                    }
                } finally {
                    doneLatch.countDown();
                }
            });
        }
        doneLatch.await();
        return new long[] {cycles.get(), System.nanoTime() - t0};
    }

    void print(String call) {
        List<Long> l = new ArrayList<>(latencies.getOrDefault(call, List.of()));
        if (l.isEmpty()) {
            System.out.printf("  %-34s no calls%n", call);
            return;
        }
        Collections.sort(l);
        System.out.printf("  %-34s n=%,6d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", call, l.size(), l.get(l.size() / 2) / 1e6,
                l.get(Math.min(l.size() - 1, (int) Math.ceil(l.size() * 0.99) - 1)) / 1e6, l.get(l.size() - 1) / 1e6);
    }

    /** Bare JDBC cycles of the same rows (no HTTP, no checks, no audit, no notifications); returns cycles/s. Rows removed after. */
    static double anchor(String jdbcUrl, int clients, int seconds) throws Exception {
        AtomicInteger cycles = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch latch = new CountDownLatch(clients);
        String tag = "anchor-" + UUID.randomUUID();
        long t0 = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread.ofPlatform().start(() -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                    c.setAutoCommit(false);
                    PreparedStatement ins = c.prepareStatement("insert into gov_event (id, event_no, source, class_code, description, lon, lat, "
                            + "match_rule, grid_code, region_code, department_id, reporter_account_id, state, created_at, updated_at) "
                            + "values (?, ?, 'CITIZEN', 'E0101', ?, 120.01, 30.03, 'GRID', '339902001001001', '339902001001', 'dh-hubin', 'bench', "
                            + "'REPORTED', ?, ?)");
                    PreparedStatement upd = c.prepareStatement("update gov_event set state = ?, updated_at = ? where id = ?");
                    PreparedStatement hist = c.prepareStatement("insert into gov_event_history (event_id, actor_id, actor_name, action, "
                            + "from_state, to_state, at) values (?, 'bench', 'bench', ?, ?, ?, ?)");
                    int n = 0;
                    while (System.nanoTime() < end) {
                        String id = UUID.randomUUID().toString();
                        Timestamp now = Timestamp.from(Instant.now());
                        ins.setString(1, id);
                        ins.setString(2, "AN" + client + "-" + (n++));
                        ins.setString(3, tag);
                        ins.setTimestamp(4, now);
                        ins.setTimestamp(5, now);
                        ins.executeUpdate();
                        history(hist, id, "report", null, "REPORTED", now);
                        c.commit();
                        String[][] steps = {{"file", "REPORTED", "FILED"}, {"dispatch", "FILED", "DISPATCHED"},
                                {"handle", "DISPATCHED", "HANDLED"}, {"verify-pass", "HANDLED", "CLOSED"}};
                        for (String[] s : steps) {
                            upd.setString(1, s[2]);
                            upd.setTimestamp(2, now);
                            upd.setString(3, id);
                            upd.executeUpdate();
                            history(hist, id, s[0], s[1], s[2], now);
                            c.commit();
                        }
                        cycles.incrementAndGet();
                    }
                } catch (Exception e) {
                    System.err.println("anchor: " + e);
                } finally {
                    latch.countDown();
                }
            });
        }
        latch.await();
        double rate = cycles.get() / ((System.nanoTime() - t0) / 1e9);
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.createStatement().executeUpdate("delete from gov_event_history where event_id in (select id from gov_event where description = '" + tag + "')");
            c.createStatement().executeUpdate("delete from gov_event where description = '" + tag + "'");
        }
        return rate;
    }

    static void history(PreparedStatement hist, String id, String action, String from, String to, Timestamp at) throws Exception {
        hist.setString(1, id);
        hist.setString(2, action);
        hist.setString(3, from);
        hist.setString(4, to);
        hist.setTimestamp(5, at);
        hist.executeUpdate();
    }
}
