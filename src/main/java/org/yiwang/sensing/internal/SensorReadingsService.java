package org.yiwang.sensing.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import org.yiwang.sensing.Device;
import org.yiwang.sensing.Reading;
import org.yiwang.sensing.SensorReadings;
import org.yiwang.sensing.SeriesPoint;
import org.yiwang.sensing.SeriesStep;

/** Series queries over {@code sensor_reading} (raw) and the roll-up tables (1m, 1h). */
@Service
class SensorReadingsService implements SensorReadings {

    static final int MAX_POINTS = 10_000;

    private final JdbcTemplate jdbc;
    private final DeviceService devices;

    SensorReadingsService(JdbcTemplate jdbc, DeviceService devices) {
        this.jdbc = jdbc;
        this.devices = devices;
    }

    @Override
    public Optional<Device> device(String deviceId) {
        return devices.find(deviceId);
    }

    @Override
    public List<Device> devices() {
        return devices.all();
    }

    @Override
    public List<SeriesPoint> series(String deviceId, String metric, Instant from, Instant to, SeriesStep step) {
        if (step == SeriesStep.RAW) {
            return jdbc.query("select ts, \"value\" from sensor_reading where device_id = ? and metric = ? and ts >= ? and ts < ?"
                            + " order by ts limit " + MAX_POINTS,
                    (rs, i) -> {
                        double v = rs.getDouble(2);
                        return new SeriesPoint(rs.getObject(1, OffsetDateTime.class).toInstant(), v, v, v, 1);
                    }, deviceId, metric, DeviceService.at(from), DeviceService.at(to));
        }
        String table = step == SeriesStep.MINUTE ? "sensing_rollup_1m" : "sensing_rollup_1h";
        return jdbc.query("select bucket, min_value, max_value, sum_value, n from " + table
                        + " where device_id = ? and metric = ? and bucket >= ? and bucket < ? order by bucket limit " + MAX_POINTS,
                (rs, i) -> new SeriesPoint(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getDouble(2), rs.getDouble(3),
                        rs.getDouble(4) / rs.getLong(5), rs.getLong(5)),
                deviceId, metric, DeviceService.at(from), DeviceService.at(to));
    }

    @Override
    public Optional<Reading> latest(String deviceId, String metric) {
        return jdbc.query("select ts, \"value\" from sensor_reading where device_id = ? and metric = ? order by ts desc limit 1",
                (rs, i) -> new Reading(metric, rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getDouble(2)),
                deviceId, metric).stream().findFirst();
    }
}
