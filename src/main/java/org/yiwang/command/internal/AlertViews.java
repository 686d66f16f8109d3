package org.yiwang.command.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import org.yiwang.sensing.AlertChanged;
import org.yiwang.sensing.AlertLevel;
import org.yiwang.sensing.Device;
import org.yiwang.sensing.SensorAlert;
import org.yiwang.sensing.SensorAlerts;
import org.yiwang.sensing.SensorReadings;
import org.yiwang.shared.security.Caller;

/**
 * Early-warning alerts (预警) as the dashboard shows them, scoped like devices (the device's region and owner
 * department). Uses {@link SensorAlerts} when the sensing module provides it; without it the dashboard shows devices
 * only and pushes the bare {@link AlertChanged} facts.
 */
@Component
class AlertViews {

    /** An alert's JSON and the department its scope check uses. */
    record View(Map<String, Object> body, String departmentId) {
    }

    private final ObjectProvider<SensorAlerts> alerts;
    private final SensorReadings sensors;

    AlertViews(ObjectProvider<SensorAlerts> alerts, SensorReadings sensors) {
        this.alerts = alerts;
        this.sensors = sensors;
    }

    boolean available() {
        return alerts.getIfAvailable() != null;
    }

    /** Active alerts the caller may see, highest level first. */
    List<Map<String, Object>> active(Caller caller) {
        SensorAlerts a = alerts.getIfAvailable();
        List<Map<String, Object>> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        for (SensorAlert alert : a.active()) {
            Optional<Device> device = sensors.device(alert.deviceId());
            String department = device.map(Device::ownerDepartmentId).orElse(null);
            if (caller.scope().allows(alert.regionCode(), department, null)) {
                out.add(body(alert, device));
            }
        }
        return out;
    }

    View view(AlertChanged change) {
        SensorAlerts a = alerts.getIfAvailable();
        Optional<Device> device = change.deviceId() == null ? Optional.empty() : sensors.device(change.deviceId());
        Optional<SensorAlert> alert = a == null ? Optional.empty() : a.find(change.alertId());
        Map<String, Object> body = alert.map(x -> body(x, device)).orElseGet(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("alertId", change.alertId());
            m.put("ruleId", change.ruleId());
            m.put("level", change.level() == null ? null : change.level().name());
            m.put("levelLabel", label(change.level()));
            m.put("active", change.active());
            m.put("deviceId", change.deviceId());
            m.put("deviceName", device.map(Device::name).orElse(change.deviceId()));
            m.put("lon", change.lon());
            m.put("lat", change.lat());
            m.put("gridCode", change.gridCode());
            m.put("regionCode", change.regionCode());
            m.put("eventId", change.eventId());
            m.put("updatedAt", EventViews.iso(change.at()));
            return m;
        });
        body.put("change", change.change());
        body.put("active", change.active());
        return new View(body, device.map(Device::ownerDepartmentId).orElse(null));
    }

    private static Map<String, Object> label(AlertLevel level) {
        if (level == null) {
            return null;
        }
        return Map.of("zh", level.zh(), "en", level.en());
    }

    private static Map<String, Object> body(SensorAlert a, Optional<Device> device) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alertId", a.alertId());
        m.put("ruleId", a.ruleId());
        m.put("ruleName", a.ruleName());
        m.put("kind", a.kind());
        m.put("level", a.level() == null ? null : a.level().name());
        m.put("levelLabel", label(a.level()));
        m.put("active", a.active());
        m.put("deviceId", a.deviceId());
        m.put("deviceName", device.map(Device::name).orElse(a.deviceId()));
        m.put("metric", a.metric());
        m.put("value", a.value());
        m.put("lon", a.lon());
        m.put("lat", a.lat());
        m.put("gridCode", a.gridCode());
        m.put("regionCode", a.regionCode());
        m.put("eventId", a.eventId());
        m.put("raisedAt", EventViews.iso(a.raisedAt()));
        m.put("updatedAt", EventViews.iso(a.updatedAt()));
        m.put("recoveredAt", EventViews.iso(a.recoveredAt()));
        return m;
    }
}
