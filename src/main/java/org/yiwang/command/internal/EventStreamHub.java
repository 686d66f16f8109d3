package org.yiwang.command.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.governance.CityEvent;
import org.yiwang.governance.CityEventChanged;
import org.yiwang.governance.CityEvents;
import org.yiwang.sensing.AlertChanged;
import org.yiwang.shared.security.Caller;

/**
 * Fan-out of city-event changes and early-warning alerts to the dashboards' server-sent-event streams (实时推送).
 * <ul>
 * <li>{@link CityEventChanged} is taken <b>after commit</b> (a rolled-back change is never pushed) and handed to one
 * dispatcher thread through a bounded queue, so the committing request never waits for the dashboards;</li>
 * <li>the dispatcher reads the event through {@link CityEvents}, numbers the message ({@code epoch:seq}), keeps it in
 * a replay buffer and offers it to every subscriber whose {@code AccessScope} covers the event's region + department;</li>
 * <li>each subscriber has its own bounded queue drained by its own (virtual) thread: a slow client only fills its own
 * queue; when that overflows its queue is dropped and it gets a {@code reset} (reload the list) instead;</li>
 * <li>a reconnecting client sends {@code Last-Event-ID}: messages after it are replayed from the buffer, or a
 * {@code reset} is sent when it is too old or from before a restart;</li>
 * <li>a comment line is sent as heartbeat when nothing happened for {@code yiwang.command.heartbeat}.</li>
 * </ul>
 * One node's hub sees the changes committed on that node (see docs/command.md for several nodes).
 */
@Component
class EventStreamHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStreamHub.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Object RESET = new Object();

    /** A numbered change as pushed to clients, with the attributes the scope check needs. */
    record Message(long seq, String name, String id, String json, String regionCode, String departmentId, String reporterId) {
    }

    private final CityEvents events;
    private final EventViews views;
    private final AlertViews alerts;
    private final int clientQueue;
    private final int replaySize;
    private final Duration heartbeat;
    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong seq = new AtomicLong();
    private final ArrayDeque<Message> replay = new ArrayDeque<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Object> intake = new LinkedBlockingQueue<>(10_000);
    private final AtomicLong droppedChanges = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private volatile Thread dispatcher;
    private volatile boolean running;

    EventStreamHub(CityEvents events, EventViews views, AlertViews alerts,
                   @Value("${yiwang.command.client-queue:256}") int clientQueue,
                   @Value("${yiwang.command.replay-size:2000}") int replaySize,
                   @Value("${yiwang.command.heartbeat:PT15S}") Duration heartbeat) {
        this.events = events;
        this.views = views;
        this.alerts = alerts;
        this.clientQueue = Math.max(4, clientQueue);
        this.replaySize = Math.max(1, replaySize);
        this.heartbeat = heartbeat;
    }

    // ------------------------------------------------------------------ intake

    /** After commit (or at once when published outside a transaction, e.g. by a job without one). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(CityEventChanged change) {
        enqueue(change);
    }

    /** Early-warning alerts (预警) raised, escalated or recovered, after commit. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(AlertChanged change) {
        enqueue(change);
    }

    private void enqueue(Object change) {
        if (!intake.offer(change)) {
            droppedChanges.incrementAndGet(); // dashboards far behind: they are reset below
            resetAll();
        }
    }

    private void dispatchLoop() {
        while (running) {
            Object change;
            try {
                change = intake.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (change == null) {
                continue;
            }
            if (subscribers.isEmpty()) {
                skip(); // nobody watches: no reads for nothing (e.g. under a load test)
                continue;
            }
            try {
                if (change instanceof CityEventChanged c) {
                    dispatch(c);
                } else if (change instanceof AlertChanged a) {
                    dispatch(a);
                }
            } catch (RuntimeException e) {
                log.warn("command stream: could not push {}: {}", change, e.toString());
            }
        }
    }

    void dispatch(CityEventChanged change) {
        Optional<CityEvent> found = events.find(change.eventId());
        if (found.isEmpty()) {
            return;
        }
        CityEvent e = found.get();
        Map<String, Object> body = views.view(e);
        body.put("action", change.action());
        body.put("at", EventViews.iso(change.at()));
        publish(e.id(), JSON.writeValueAsString(body), e.regionCode(), e.departmentId(), e.reporterAccountId());
    }

    void dispatch(AlertChanged change) {
        AlertViews.View v = alerts.view(change);
        publish("alert", change.alertId(), JSON.writeValueAsString(v.body()), change.regionCode(), v.departmentId(), null);
    }

    /**
     * A change nobody was subscribed to: not read nor buffered, but numbered, and the buffer is cleared — so a client
     * resuming from before it gets a {@code reset} instead of silently missing it.
     */
    private synchronized void skip() {
        seq.incrementAndGet();
        replay.clear();
    }

    /** Numbers, buffers and fans out one event message (non-blocking towards subscribers). */
    void publish(String id, String json, String regionCode, String departmentId, String reporterId) {
        publish("event", id, json, regionCode, departmentId, reporterId);
    }

    /** Numbers, buffers and fans out one message named {@code name} (non-blocking towards subscribers). */
    synchronized void publish(String name, String id, String json, String regionCode, String departmentId, String reporterId) {
        Message m = new Message(seq.incrementAndGet(), name, id, json, regionCode, departmentId, reporterId);
        replay.addLast(m);
        while (replay.size() > replaySize) {
            replay.removeFirst();
        }
        for (Subscriber s : subscribers) {
            if (s.allows(m)) {
                s.offer(m);
            }
        }
    }

    private synchronized void resetAll() {
        subscribers.forEach(Subscriber::reset);
    }

    // ------------------------------------------------------------------ subscribers

    /** The id of the newest message, to hand to a page or list so its stream starts right after it. */
    String cursor() {
        return epoch + ":" + seq.get();
    }

    /**
     * Registers a subscriber and starts its sender. {@code lastEventId} (header {@code Last-Event-ID} or the list's
     * cursor) selects what to replay; null replays nothing.
     */
    Subscriber subscribe(Caller caller, SseEmitter emitter, String lastEventId) {
        Subscriber s = new Subscriber(caller, emitter, clientQueue);
        synchronized (this) {
            if (lastEventId != null && !lastEventId.isBlank()) {
                long after = parse(lastEventId);
                long oldest = replay.isEmpty() ? seq.get() + 1 : replay.peekFirst().seq();
                if (after < 0 || after + 1 < oldest || after > seq.get()) {
                    s.reset(); // too old, from another run, or unknown: reload the list
                } else {
                    for (Message m : replay) {
                        if (m.seq() > after && s.allows(m)) {
                            s.offer(m);
                        }
                    }
                }
            }
            subscribers.add(s);
        }
        emitter.onCompletion(s::close);
        emitter.onTimeout(s::close);
        emitter.onError(t -> s.close());
        Thread.ofVirtual().name("command-sse-" + caller.username()).start(s::run);
        return s;
    }

    /** The sequence number in an {@code epoch:seq} id of this run, or -1. */
    private long parse(String id) {
        int colon = id.indexOf(':');
        if (colon < 0 || !id.substring(0, colon).equals(epoch)) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }

    long resetCount() {
        return resets.get();
    }

    long droppedChanges() {
        return droppedChanges.get();
    }

    /** One connected dashboard. */
    final class Subscriber {
        private final Caller caller;
        private final SseEmitter emitter;
        private final BlockingQueue<Object> queue;
        private volatile boolean closed;

        Subscriber(Caller caller, SseEmitter emitter, int capacity) {
            this.caller = caller;
            this.emitter = emitter;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        boolean allows(Message m) {
            return (m.reporterId() != null && caller.accountId().equals(m.reporterId()))
                    || caller.scope().allows(m.regionCode(), m.departmentId(), m.reporterId());
        }

        void offer(Message m) {
            if (!queue.offer(m)) {
                reset();
            }
        }

        /** Drops what is queued and tells the client to reload instead (never blocks). */
        void reset() {
            resets.incrementAndGet();
            queue.clear();
            queue.offer(RESET);
        }

        void close() {
            closed = true;
            subscribers.remove(this);
        }

        void run() {
            try {
                emitter.send(SseEmitter.event().comment("connected " + cursor()).reconnectTime(3000));
                while (!closed && running) {
                    Object next = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                    if (closed) {
                        break;
                    }
                    if (next == null) {
                        emitter.send(SseEmitter.event().comment("heartbeat"));
                    } else if (next == RESET) {
                        emitter.send(SseEmitter.event().name("reset").id(cursor()).data("{}"));
                    } else if (next instanceof Message m) {
                        emitter.send(SseEmitter.event().name(m.name()).id(epoch + ":" + m.seq()).data(m.json()));
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away; EventSource reconnects with Last-Event-ID
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
                try {
                    emitter.complete();
                } catch (RuntimeException ignored) {
                    // already completed
                }
            }
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        running = true;
        dispatcher = Thread.ofPlatform().daemon().name("command-stream-dispatcher").start(this::dispatchLoop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = dispatcher;
        if (t != null) {
            t.interrupt();
        }
        List<Subscriber> all = new ArrayList<>(subscribers);
        for (Subscriber s : all) {
            s.close();
            try {
                s.emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed
            }
        }
    }

    @PreDestroy
    void shutdown() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
