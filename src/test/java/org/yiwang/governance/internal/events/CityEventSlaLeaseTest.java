package org.yiwang.governance.internal.events;

import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The SLA job runs on one node at a time: a tick takes the lease row, and a tick while it is held does nothing. */
class CityEventSlaLeaseTest extends IntegrationTest {

    @Autowired
    CityEventSlaJob job;

    @Test
    void aTickTakesTheLeaseAndASecondTickWhileItIsHeldLeavesIt() {
        jdbc.update("update gov_job_lease set holder = null, lease_until = ? where name = 'event-sla'",
                Timestamp.from(Instant.parse("2000-01-01T00:00:00Z")));
        job.tick();
        Timestamp until = jdbc.queryForObject("select lease_until from gov_job_lease where name = 'event-sla'", Timestamp.class);
        assertThat(until.toInstant()).isAfter(Instant.now());
        assertThat(jdbc.queryForObject("select holder from gov_job_lease where name = 'event-sla'", String.class)).isNotBlank();
        job.tick();
        assertThat(jdbc.queryForObject("select lease_until from gov_job_lease where name = 'event-sla'", Timestamp.class)).isEqualTo(until);
    }
}
