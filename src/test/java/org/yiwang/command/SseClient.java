package org.yiwang.command;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A test client of a server-sent-event stream: parses {@code id}/{@code event}/{@code data} blocks and comments into a queue. */
final class SseClient implements AutoCloseable {

    /** One dispatched message (or a comment when {@code comment} is not null). */
    record Message(String id, String event, String data, String comment) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final int status;
    final String contentType;
    private final LinkedBlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    SseClient(String url, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        response = HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> r = response.get(20, TimeUnit.SECONDS);
        status = r.statusCode();
        contentType = r.headers().firstValue("Content-Type").orElse("");
        lines = r.body();
        Thread.ofVirtual().start(this::read);
    }

    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (event != null || !data.isEmpty()) {
                        queue.add(new Message(id, event == null ? "message" : event, data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    queue.add(new Message(null, null, null, line.substring(1).trim()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).trim());
                }
            }
        } catch (RuntimeException e) {
            // closed
        }
    }

    /** Messages up to and including the first one matching {@code until}; fails after 20 s without it. */
    List<Message> until(Predicate<Message> until) throws InterruptedException {
        List<Message> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Message m = queue.poll(200, TimeUnit.MILLISECONDS);
            if (m == null) {
                continue;
            }
            seen.add(m);
            if (until.test(m)) {
                return seen;
            }
        }
        throw new AssertionError("no matching message within 20 s; got " + seen);
    }

    @Override
    public void close() {
        Stream<String> l = lines;
        if (l != null) {
            l.close();
        }
        response.cancel(true);
    }
}
