package org.yiwang.command.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fan-out without a server: a slow client never blocks publishing (its bounded queue overflows into a
 * {@code reset}), heartbeats flow when nothing happens, scope filtering, replay after a Last-Event-ID.
 */
class EventStreamHubTest {

    /** An emitter that records what would be written; {@code gate} holds every send (a slow client). */
    static final class RecordingEmitter extends SseEmitter {
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            Set<ResponseBodyEmitter.DataWithMediaType> parts = builder.build();
            sent.add(parts.stream().map(p -> String.valueOf(p.getData())).collect(Collectors.joining()));
        }

        long events(String name) {
            return sent.stream().filter(s -> s.contains("event:" + name + "\n")).count();
        }
    }

    static Caller officer(String prefix, String department) {
        return new Caller("acc-" + prefix, "u-" + prefix, "officer", CallerType.OFFICER, Set.of("DEPT_HANDLER"), Set.of("command:view"),
                Set.of(prefix), Set.of(department), null);
    }

    EventStreamHub hub;

    @BeforeEach
    void start() {
        hub = new EventStreamHub(null, null, null, 4, 10, Duration.ofMillis(50));
        hub.start();
    }

    @AfterEach
    void stop() {
        hub.stop();
    }

    @Test
    void aSlowClientNeverBlocksPublishingAndIsResetInstead() {
        RecordingEmitter slow = new RecordingEmitter();
        slow.gate = new CountDownLatch(1);
        RecordingEmitter fast = new RecordingEmitter();
        hub.subscribe(officer("339902", "d1"), slow, null);
        hub.subscribe(officer("339902", "d1"), fast, null);
        for (int i = 0; i < 1000; i++) { // would hang here if publishing waited for the slow client
            hub.publish("e" + i, "{\"n\":" + i + "}", "339902001001", "d1", "someone");
        }
        assertThat(hub.resetCount()).isPositive();
        slow.gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> slow.events("reset") >= 1);
        // the slow client got far fewer than 1000 messages: its queue (4) overflowed into a reset, never grew
        assertThat(slow.events("event")).isLessThan(20);
        await().atMost(Duration.ofSeconds(10)).until(() -> fast.events("event") + fast.events("reset") > 0);
        assertThat(hub.subscriberCount()).isEqualTo(2);
    }

    @Test
    void heartbeatsFlowAndScopeFilters() {
        RecordingEmitter donghu = new RecordingEmitter();
        RecordingEmitter xishan = new RecordingEmitter();
        hub.subscribe(officer("339902", "d1"), donghu, null);
        hub.subscribe(officer("339903", "d2"), xishan, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> donghu.sent.stream().anyMatch(s -> s.contains(":heartbeat")));
        hub.publish("x", "{\"id\":\"x\"}", "339903001001", null, "someone");
        hub.publish("y", "{\"id\":\"y\"}", "339902001001", "d9", "someone"); // other department: not for donghu either
        hub.publish("z", "{\"id\":\"z\"}", "339902001001", "d1", "someone");
        await().atMost(Duration.ofSeconds(10)).until(() -> donghu.events("event") == 1 && xishan.events("event") == 1);
        assertThat(donghu.sent).anyMatch(s -> s.contains("\"z\"")).noneMatch(s -> s.contains("\"x\"") || s.contains("\"y\""));
        assertThat(xishan.sent).anyMatch(s -> s.contains("\"x\"")).noneMatch(s -> s.contains("\"z\""));
    }

    @Test
    void replaysAfterALastEventIdOrResetsWhenTooOld() {
        String start = hub.cursor();
        for (int i = 0; i < 3; i++) {
            hub.publish("e" + i, "{\"n\":" + i + "}", "339902001001", null, "r");
        }
        RecordingEmitter resumed = new RecordingEmitter();
        hub.subscribe(officer("339902", "d1"), resumed, start);
        await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events("event") == 3);
        assertThat(resumed.events("reset")).isZero();

        for (int i = 3; i < 30; i++) { // the replay buffer keeps 10
            hub.publish("e" + i, "{\"n\":" + i + "}", "339902001001", null, "r");
        }
        RecordingEmitter tooOld = new RecordingEmitter();
        hub.subscribe(officer("339902", "d1"), tooOld, start);
        await().atMost(Duration.ofSeconds(10)).until(() -> tooOld.events("reset") == 1);
        assertThat(tooOld.events("event")).isZero();
    }
}
