package org.yiwang.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins per client address (password spraying across many accounts, which the per-account
 * lockout does not catch): after {@code maxFailures} failures within {@code window}, further sign-ins from that
 * address are refused until the window has passed. Counted per node in memory: with N nodes an address gets
 * at most N × the limit. Client addresses come from the servlet request, i.e. from {@code X-Forwarded-For}
 * only when the request arrived through a trusted internal proxy (Tomcat's RemoteIpValve).
 */
@Component
class SignInRateLimiter {

    private record Window(long startMillis, int failures) {
    }

    private final int maxFailures;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Autowired
    SignInRateLimiter(@Value("${yiwang.identity.rate-limit.max-failures:50}") int maxFailures,
                      @Value("${yiwang.identity.rate-limit.window:5m}") Duration window) {
        this(maxFailures, window, Clock.systemUTC());
    }

    SignInRateLimiter(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** True when sign-ins from {@code address} are refused now. */
    boolean blocked(String address) {
        if (address == null) {
            return false;
        }
        Window w = windows.get(address);
        return w != null && !expired(w) && w.failures() >= maxFailures;
    }

    /** Counts one failed sign-in from {@code address}. */
    void failure(String address) {
        if (address == null) {
            return;
        }
        long now = clock.millis();
        windows.compute(address, (k, w) -> w == null || expired(w) ? new Window(now, 1) : new Window(w.startMillis(), w.failures() + 1));
        if (windows.size() > 10_000) {
            windows.values().removeIf(this::expired);
        }
    }

    private boolean expired(Window w) {
        return clock.millis() - w.startMillis() >= windowMillis;
    }
}
