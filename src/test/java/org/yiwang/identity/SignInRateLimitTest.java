package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * Password spraying: many failed sign-ins from one address across different accounts are refused with 429
 * once the address exceeds its budget (50 per 5 minutes), even for an account whose password is right.
 * The test's requests come through the loopback "proxy" with their own X-Forwarded-For address, so the
 * rest of the suite (all from 127.0.0.1) is not affected.
 */
class SignInRateLimitTest extends IntegrationTest {

    @Test
    void tooManyFailuresFromOneAddressAreRefusedWith429() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Map<String, String> from = Map.of("X-Forwarded-For", "203.0." + r.nextInt(1, 250) + "." + r.nextInt(1, 250));
        Api.Client anonymous = Api.anonymous(baseUrl());
        for (int i = 0; i < 50; i++) {
            Api.Response r1 = anonymous.post("/api/v1/auth/login", Map.of("username", "spray-" + i, "password", "Guess#2026"), from);
            assertThat(r1.status()).as("attempt " + i).isEqualTo(401);
        }
        Api.Response refused = anonymous.post("/api/v1/auth/login", Map.of("username", "demo-citizen", "password", "Yiwang@2026"), from);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemCode()).isEqualTo("too-many-sign-ins");
        // another address is unaffected, and the refusal is in the audit trail
        assertThat(anonymous.post("/api/v1/auth/login", Map.of("username", "demo-citizen", "password", "Yiwang@2026")).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'account.login' and detail like '%rate-limited%' and client_ip = ?",
                Integer.class, from.get("X-Forwarded-For"))).isEqualTo(1);
    }
}
