// Load driver of the reliability scripts (scripts/durability.sh, scripts/two-nodes.sh): a single-file Java program
// (JDK 21+: `java Driver.java <mode> ...`), no dependencies. Modes:
//   load    <baseUrls,comma> <outFile> <threads> <seconds> <runId>
//           citizens submit city events (随手拍) with an Idempotency-Key each, round-robin over the base URLs; one in
//           five is retried at once with the same key (must answer 200 with the same id). Every 2xx acknowledgement
//           is appended to outFile ("ACK key id status") and flushed before the next request; a request that got no
//           answer or a 5xx is "in doubt" and is resubmitted with the same key until acknowledged (after the run, or
//           once the platform answers again), so the final state must hold each key exactly once.
//   verify  <ackFile> <dbDump> <runId>
//           dbDump: "description|count" lines of gov_event for this run (psql -At). Checks every acknowledged key
//           exists exactly once, with the acknowledged id, and that nothing else of this run exists.
//   sessions <urlA> <urlB>
//           web sign-in on node A (form + CSRF), the same cookie on node B, logout on B ends it on A; a bearer
//           token from A works on B; one Idempotency-Key sent to A and B at the same time creates one event.
//   prepare-sla <baseUrl> <count> <runId>
//           creates <count> events and takes them to DISPATCHED (立案 by demo-supervisor, 派遣 by demo-dispatcher);
//           prints their ids, one a line.
import java.io.*;
import java.net.*;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.regex.*;

public class Driver {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    static final String PASSWORD = System.getenv().getOrDefault("YIWANG_DEMO_PASSWORD", "Yiwang@2026");
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "load" -> load(args[1].split(","), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5]);
            case "verify" -> System.exit(verify(Path.of(args[1]), Path.of(args[2]), args[3]));
            case "sessions" -> System.exit(sessions(args[1], args[2]));
            case "prepare-sla" -> prepareSla(args[1], Integer.parseInt(args[2]), args[3]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    record Answer(int status, String body, HttpHeaders headers) {
    }

    static Answer send(String method, String url, String token, String json, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Accept", "application/json");
        if (json != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body(), r.headers());
    }

    static String login(String base, String user) throws Exception {
        for (int i = 0; ; i++) {
            try {
                Answer a = send("POST", base + "/api/v1/auth/login", null, "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}", Map.of());
                Matcher m = TOKEN.matcher(a.body());
                if (a.status() == 200 && m.find()) return m.group(1);
                throw new IllegalStateException("sign-in " + user + ": " + a.status() + " " + a.body());
            } catch (IOException e) {
                if (i > 120) throw e;
                Thread.sleep(1000);
            }
        }
    }

    static String id(String body) {
        Matcher m = ID.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    static String eventJson(String description, Random rnd) {
        double lon = 120.002 + rnd.nextDouble() * 0.006, lat = 30.0302 + rnd.nextDouble() * 0.004; // 柳岸社区, 东湖区
        return String.format(Locale.ROOT, "{\"classCode\":\"E0101\",\"description\":\"%s\",\"lon\":%.6f,\"lat\":%.6f}", description, lon, lat);
    }

    // ------------------------------------------------------------------------------------------------ load

    static void load(String[] bases, Path out, int threads, int seconds, String runId) throws Exception {
        String[] users = {"demo-citizen", "demo-enterprise", "demo-gridworker"};
        Map<String, String> tokens = new ConcurrentHashMap<>();
        for (String u : users) tokens.put(u, login(bases[0], u));
        AtomicLong acked = new AtomicLong(), retriedSame = new AtomicLong(), inDoubt = new AtomicLong(), resolved = new AtomicLong(),
                errors5xx = new AtomicLong(), refused = new AtomicLong(), mismatched = new AtomicLong(), other4xx = new AtomicLong();
        ConcurrentLinkedQueue<String[]> latencies = new ConcurrentLinkedQueue<>();
        List<Long> lat = Collections.synchronizedList(new ArrayList<>());
        Instant end = Instant.now().plusSeconds(seconds);
        try (PrintWriter w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), StandardCharsets.UTF_8)), false)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int tn = t;
                fs.add(pool.submit(() -> {
                    Random rnd = new Random(tn);
                    String user = users[tn % users.length];
                    Deque<String> doubt = new ArrayDeque<>();
                    int seq = 0;
                    while (Instant.now().isBefore(end) || !doubt.isEmpty()) {
                        boolean retry = !doubt.isEmpty() && (Instant.now().isAfter(end) || rnd.nextInt(4) == 0);
                        String key = retry ? doubt.peekFirst() : runId + "-" + tn + "-" + (seq++);
                        String base = bases[(tn + seq) % bases.length];
                        String body = eventJson("durability " + key, new Random(key.hashCode()));
                        try {
                            long t0 = System.nanoTime();
                            Answer a = send("POST", base + "/api/v1/events", tokens.get(user), body, Map.of("Idempotency-Key", key));
                            lat.add((System.nanoTime() - t0) / 1_000_000);
                            if (a.status() == 401) { tokens.put(user, login(base, user)); if (!retry) doubt.addLast(key); continue; }
                            if (a.status() >= 500) { errors5xx.incrementAndGet(); if (!retry) { doubt.addLast(key); inDoubt.incrementAndGet(); } continue; }
                            if (a.status() == 409) { if (!retry) { doubt.addLast(key); inDoubt.incrementAndGet(); } continue; } // in progress elsewhere
                            if (a.status() >= 400) { other4xx.incrementAndGet(); System.err.println("4xx " + a.status() + " " + a.body()); if (retry) doubt.pollFirst(); continue; }
                            String id = id(a.body());
                            synchronized (w) { w.println("ACK " + key + " " + id + " " + a.status()); w.flush(); }
                            acked.incrementAndGet();
                            if (retry) { doubt.pollFirst(); resolved.incrementAndGet(); }
                            if (!retry && rnd.nextInt(5) == 0) { // the client did not trust the answer: same key again
                                Answer again = send("POST", bases[(tn + seq + 1) % bases.length] + "/api/v1/events", tokens.get(user), body, Map.of("Idempotency-Key", key));
                                if (again.status() == 200 && id != null && id.equals(id(again.body()))) retriedSame.incrementAndGet();
                                else if (again.status() < 500) { mismatched.incrementAndGet(); System.err.println("retry of " + key + " answered " + again.status() + " " + again.body()); }
                            }
                        } catch (IOException e) {
                            refused.incrementAndGet();
                            if (!retry) { doubt.addLast(key); inDoubt.incrementAndGet(); }
                            try { Thread.sleep(250); } catch (InterruptedException ie) { return; } // platform down: back off
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }
                }));
            }
            for (Future<?> f : fs) f.get();
            pool.shutdown();
        }
        List<Long> sorted = new ArrayList<>(lat);
        Collections.sort(sorted);
        long p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2), p99 = sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99));
        System.out.printf("load: %d threads, %d s, %d acknowledged (2xx), %d immediate same-key retries answered with the same id, "
                        + "%d in doubt (no answer / 5xx / in progress) of which %d resolved by resubmitting the same key, %d connection failures, "
                        + "%d 5xx, %d unexpected 4xx, %d retry mismatches; latency p50 %d ms, p99 %d ms%n",
                threads, seconds, acked.get(), retriedSame.get(), inDoubt.get(), resolved.get(), refused.get(), errors5xx.get(), other4xx.get(),
                mismatched.get(), p50, p99);
        if (mismatched.get() > 0 || other4xx.get() > 0) System.exit(1);
    }

    // ---------------------------------------------------------------------------------------------- verify

    static int verify(Path acks, Path dump, String runId) throws IOException {
        Map<String, String> acked = new LinkedHashMap<>();
        for (String line : Files.readAllLines(acks, StandardCharsets.UTF_8)) {
            String[] p = line.split(" ");
            if (p.length >= 3 && p[0].equals("ACK")) {
                String before = acked.putIfAbsent(p[1], p[2]);
                if (before != null && !before.equals(p[2])) {
                    System.out.println("verify: key " + p[1] + " acknowledged with two ids " + before + " and " + p[2]);
                    return 1;
                }
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        for (String line : Files.readAllLines(dump, StandardCharsets.UTF_8)) {
            String[] p = line.split("\\|");
            if (p.length < 3) continue;
            String key = p[0].substring("durability ".length());
            counts.put(key, Integer.parseInt(p[1]));
            ids.put(key, p[2]);
        }
        int lost = 0, duplicated = 0, wrongId = 0, unacknowledged = 0;
        for (var e : acked.entrySet()) {
            Integer n = counts.get(e.getKey());
            if (n == null) { lost++; System.out.println("LOST " + e.getKey()); }
            else if (n > 1) { duplicated++; System.out.println("DUPLICATE " + e.getKey() + " x" + n); }
            else if (!ids.get(e.getKey()).equals(e.getValue())) { wrongId++; System.out.println("WRONG-ID " + e.getKey()); }
        }
        for (var e : counts.entrySet()) {
            if (!acked.containsKey(e.getKey())) unacknowledged++;
            if (e.getValue() > 1 && !acked.containsKey(e.getKey())) duplicated++;
        }
        System.out.printf("verify: %d acknowledged keys, %d events of this run in the database; lost %d, duplicated %d, wrong id %d, "
                + "stored but never acknowledged %d%n", acked.size(), counts.size(), lost, duplicated, wrongId, unacknowledged);
        return lost + duplicated + wrongId + unacknowledged == 0 ? 0 : 1;
    }

    // ---------------------------------------------------------------------------------------------- sessions

    static final class Browser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String url) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
            StringBuilder sb = new StringBuilder();
            form.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(sb.toString())).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        String csrf(String url) throws Exception {
            Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(get(url).body());
            if (!m.find()) throw new IllegalStateException("no CSRF token on " + url);
            return m.group(1);
        }

        /** Sends the cookies of this browser (set by one node) to another node: cookies are per host:port. */
        void copyCookiesTo(String fromUrl, String toUrl) {
            for (HttpCookie c : cookies.getCookieStore().get(URI.create(fromUrl))) {
                HttpCookie copy = (HttpCookie) c.clone();
                cookies.getCookieStore().add(URI.create(toUrl), copy);
            }
        }
    }

    static int sessions(String a, String b) throws Exception {
        List<String> failures = new ArrayList<>();
        Browser web = new Browser();
        String csrf = web.csrf(a + "/login");
        HttpResponse<String> login = web.post(a + "/login", Map.of("username", "demo-supervisor", "password", PASSWORD, "_csrf", csrf));
        if (login.statusCode() != 302) failures.add("sign-in on A answered " + login.statusCode());
        if (web.get(a + "/workbench").statusCode() != 200) failures.add("A: /workbench not open after sign-in");
        web.copyCookiesTo(a, b);
        HttpResponse<String> onB = web.get(b + "/workbench");
        if (onB.statusCode() != 200) failures.add("B: the session signed in on A answered " + onB.statusCode());
        if (!onB.body().contains("孙立群")) failures.add("B: the workbench does not show the signed-in officer");
        HttpResponse<String> logout = web.post(b + "/logout", Map.of("_csrf", web.csrf(b + "/workbench")));
        if (logout.statusCode() != 302) failures.add("logout on B answered " + logout.statusCode());
        if (web.get(a + "/workbench").statusCode() != 302) failures.add("A: still signed in after logout on B");
        System.out.println("sessions: web sign-in on A, same session on B: " + (onB.statusCode() == 200 ? "works" : "FAILS")
                + "; logout on B ends it on A: " + (failures.stream().noneMatch(f -> f.contains("logout")) ? "yes" : "NO"));

        String token = login(a, "demo-officer");
        Answer me = send("GET", b + "/api/v1/me", token, null, Map.of());
        if (me.status() != 200) failures.add("bearer token from A rejected by B: " + me.status());
        System.out.println("sessions: bearer token from A accepted by B: " + (me.status() == 200));

        String citizen = login(a, "demo-citizen");
        String key = "two-nodes-" + UUID.randomUUID();
        String body = eventJson("two-nodes same key " + key, new Random(1));
        int rounds = 20, same = 0;
        for (int i = 0; i < rounds; i++) {
            String k = key + "-" + i;
            String bi = eventJson("two-nodes same key " + k, new Random(i));
            CompletableFuture<Answer> fa = CompletableFuture.supplyAsync(() -> call(a, citizen, bi, k));
            CompletableFuture<Answer> fb = CompletableFuture.supplyAsync(() -> call(b, citizen, bi, k));
            Answer ra = fa.join(), rb = fb.join();
            // one creates (201), the other returns the same event (200) or says the first is still in progress (409)
            String ia = ra.status() < 300 ? id(ra.body()) : null, ib = rb.status() < 300 ? id(rb.body()) : null;
            boolean ok = (ia == null || ib == null || ia.equals(ib)) && (ia != null || ib != null);
            if (ok) same++; else failures.add("same key on both nodes: " + ra.status() + " " + ia + " / " + rb.status() + " " + ib);
        }
        System.out.println("sessions: one Idempotency-Key sent to A and B at the same time, " + rounds + " rounds: " + same + " created exactly one event");
        failures.forEach(f -> System.out.println("FAIL " + f));
        return failures.isEmpty() ? 0 : 1;
    }

    static Answer call(String base, String token, String body, String key) {
        try {
            return send("POST", base + "/api/v1/events", token, body, Map.of("Idempotency-Key", key));
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- SLA

    static void prepareSla(String base, int count, String runId) throws Exception {
        String citizen = login(base, "demo-citizen"), supervisor = login(base, "demo-supervisor"), dispatcher = login(base, "demo-dispatcher");
        for (int i = 0; i < count; i++) {
            Answer r = send("POST", base + "/api/v1/events", citizen, eventJson("sla " + runId + "-" + i, new Random(1000 + i)), Map.of());
            String id = id(r.body());
            Answer f = send("POST", base + "/api/v1/events/" + id + "/file", supervisor, "{\"classCode\":\"E0101\",\"comment\":\"立案\"}", Map.of());
            Answer d = send("POST", base + "/api/v1/events/" + id + "/dispatch", dispatcher, "{}", Map.of());
            if (r.status() != 201 || f.status() != 200 || d.status() != 200) {
                throw new IllegalStateException("prepare-sla: " + r.status() + " " + f.status() + " " + d.status() + " " + d.body());
            }
            System.out.println(id);
        }
    }
}
