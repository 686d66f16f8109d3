package org.yiwang.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SignInRateLimiterTest {

    @Test
    void blocksAnAddressAfterTooManyFailuresUntilTheWindowPasses() {
        AtomicLong now = new AtomicLong(1_000_000);
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(now.get()); }
        };
        SignInRateLimiter limiter = new SignInRateLimiter(3, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.blocked("10.1.2.3")).isFalse();
            limiter.failure("10.1.2.3");
        }
        assertThat(limiter.blocked("10.1.2.3")).isTrue();
        assertThat(limiter.blocked("10.1.2.4")).as("other addresses are not affected").isFalse();
        assertThat(limiter.blocked(null)).isFalse();
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        assertThat(limiter.blocked("10.1.2.3")).as("after the window").isFalse();
        limiter.failure("10.1.2.3");
        assertThat(limiter.blocked("10.1.2.3")).as("counting starts afresh").isFalse();
    }
}
