package org.yiwang.sensing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Background work of the sensing module: heartbeat (ONLINE → OFFLINE), monthly partitions of {@code sensor_reading}
 * on PostgreSQL (created ahead for the retention window and two months beyond now, dropped when wholly older than the
 * retention), and retention of raw rows and roll-ups.
 */
@Component
public class SensingJobs {

    private static final Logger log = LoggerFactory.getLogger(SensingJobs.class);

    private final JdbcTemplate jdbc;
    private final DeviceService devices;
    private final SensingProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();
    private volatile Boolean postgres;

    public SensingJobs(JdbcTemplate jdbc, DeviceService devices, SensingProperties properties, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.devices = devices;
        this.properties = properties;
    }

    /** Flips devices silent for longer than the heartbeat timeout to OFFLINE. */
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    public int heartbeat() {
        return devices.markOffline(properties.heartbeatTimeout());
    }

    boolean postgres() {
        Boolean p = postgres;
        if (p == null) {
            p = jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres"));
            postgres = p;
        }
        return p;
    }

    static String partitionName(YearMonth m) {
        return String.format("sensor_reading_y%04dm%02d", m.getYear(), m.getMonthValue());
    }

    /** Creates the missing monthly partitions (PostgreSQL only); returns how many were created. */
    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT5S")
    public int ensurePartitions() {
        if (!postgres()) {
            return 0;
        }
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        YearMonth first = YearMonth.from(LocalDate.now(ZoneOffset.UTC).minusDays(properties.retentionDays()));
        int created = 0;
        for (YearMonth m = first; !m.isAfter(now.plusMonths(2)); m = m.plusMonths(1)) {
            String name = partitionName(m);
            Integer exists = jdbc.queryForObject("select count(*) from pg_class where relname = ?", Integer.class, name);
            if (exists != null && exists > 0) {
                continue;
            }
            String from = "'" + m.atDay(1) + " 00:00:00+00'";
            String to = "'" + m.plusMonths(1).atDay(1) + " 00:00:00+00'";
            try {
                // rows of that month that already landed in the default partition move into the new one
                tx.executeWithoutResult(status -> {
                    jdbc.execute("create table " + name + " (like sensor_reading including defaults)");
                    jdbc.update("insert into " + name + " select * from sensor_reading_default where ts >= " + from + " and ts < " + to);
                    jdbc.update("delete from sensor_reading_default where ts >= " + from + " and ts < " + to);
                    jdbc.execute("alter table sensor_reading attach partition " + name + " for values from (" + from + ") to (" + to + ")");
                });
                created++;
            } catch (RuntimeException e) {
                log.warn("Sensing: cannot create partition {}: {}", name, e.getMessage());
            }
        }
        return created;
    }

    /** Drops or deletes readings and roll-ups older than the retention; returns the rows deleted (partitions not counted). */
    @Scheduled(cron = "0 17 3 * * *")
    public int retention() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(properties.retentionDays()));
        if (postgres()) {
            YearMonth cutoffMonth = YearMonth.from(cutoff.atOffset(ZoneOffset.UTC));
            List<String> parts = jdbc.queryForList("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                    + " join pg_class p on p.oid = i.inhparent where p.relname = 'sensor_reading' and c.relname like 'sensor_reading_y%'",
                    String.class);
            for (String part : parts) {
                YearMonth m = YearMonth.of(Integer.parseInt(part.substring(16, 20)), Integer.parseInt(part.substring(21, 23)));
                if (m.isBefore(cutoffMonth)) {
                    jdbc.execute("drop table " + part);
                    log.info("Sensing: dropped partition {}", part);
                }
            }
        }
        int n = jdbc.update("delete from sensor_reading where ts < ?", DeviceService.at(cutoff));
        jdbc.update("delete from sensing_rollup_1m where bucket < ?", DeviceService.at(cutoff));
        jdbc.update("delete from sensing_rollup_1h where bucket < ?", DeviceService.at(cutoff));
        return n;
    }
}
