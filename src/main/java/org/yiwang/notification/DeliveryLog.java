package org.yiwang.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code notification_delivery} table: one row per (recipient, channel) attempt; addresses only masked. */
@Repository
class DeliveryLog {

    private final JdbcTemplate jdbc;

    DeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(String templateCode, DeliveryReport.Delivery d) {
        jdbc.update("insert into notification_delivery (id, template_code, account_id, channel, address_masked, status, detail, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), templateCode, d.accountId(), d.channel().name(), d.maskedAddress(), d.status().name(),
                truncate(d.detail(), 1000), Timestamp.from(Instant.now()));
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
