package org.yiwang.sensing.internal.warning;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yiwang.sensing.AlertLevel;
import org.yiwang.sensing.Device;
import org.yiwang.shared.ids.ChineseIds;

/**
 * A warning rule (预警规则) as stored in {@code sensing_warning_rule}.
 *
 * @param thresholds threshold per level, indexed by {@link AlertLevel#ordinal()} (null: level not used)
 */
public record WarningRule(String id, String nameZh, String nameEn, Kind kind, String typeCode, String metric, String deviceId,
                          String areaCode, Direction direction, Double[] thresholds, int holdSeconds, int windowSeconds,
                          Integer minCount, double hysteresis, int recoverSeconds, String eventClassCode, boolean enabled,
                          Instant updatedAt, String updatedBy) {

    /** Rule kinds. */
    public enum Kind {
        /** value beyond a level's threshold continuously for {@code holdSeconds} (by reading time) */
        THRESHOLD,
        /** change of the value over {@code windowSeconds} beyond the threshold */
        RATE_OF_CHANGE,
        /** no reading for the threshold's number of seconds */
        MISSING_DATA,
        /** at least {@code minCount} devices of the area beyond the threshold within {@code windowSeconds} (多点触发) */
        MULTI_POINT
    }

    /** Whether a level is reached above (≥) or below (≤) its threshold. */
    public enum Direction {
        ABOVE,
        BELOW
    }

    /** True when {@code value} reaches the level's threshold. */
    boolean reaches(AlertLevel level, double value) {
        Double t = thresholds[level.ordinal()];
        if (t == null) {
            return false;
        }
        return direction == Direction.ABOVE ? value >= t : value <= t;
    }

    /** The highest level {@code value} reaches, or null. */
    AlertLevel levelOf(double value) {
        AlertLevel[] all = AlertLevel.values();
        for (int i = all.length - 1; i >= 0; i--) {
            if (reaches(all[i], value)) {
                return all[i];
            }
        }
        return null;
    }

    /** The lowest level with a threshold. */
    AlertLevel lowestLevel() {
        for (AlertLevel l : AlertLevel.values()) {
            if (thresholds[l.ordinal()] != null) {
                return l;
            }
        }
        return AlertLevel.RED;
    }

    /** True when {@code value} is clear of the lowest threshold by the hysteresis (回差): the alert may recover. */
    boolean clear(double value) {
        double t = thresholds[lowestLevel().ordinal()];
        return direction == Direction.ABOVE ? value < t - hysteresis : value > t + hysteresis;
    }

    /** True when the rule covers the device (type, single device, area). */
    boolean appliesTo(Device d) {
        if (!enabled || !typeCode.equals(d.typeCode())) {
            return false;
        }
        if (deviceId != null && !deviceId.equals(d.deviceId())) {
            return false;
        }
        return inArea(areaCode, d);
    }

    static boolean inArea(String areaCode, Device d) {
        if (areaCode == null) {
            return true;
        }
        if (areaCode.length() == 15) {
            return areaCode.equals(d.gridCode());
        }
        return d.regionCode() != null && d.regionCode().startsWith(ChineseIds.regionPrefix(areaCode));
    }

    /** Thresholds by level name, for the API. */
    public Map<String, Double> thresholdMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (AlertLevel l : AlertLevel.values()) {
            if (thresholds[l.ordinal()] != null) {
                m.put(l.name(), thresholds[l.ordinal()]);
            }
        }
        return m;
    }

    /** The rule as the API shows it. */
    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("nameZh", nameZh);
        m.put("nameEn", nameEn);
        m.put("kind", kind.name());
        m.put("typeCode", typeCode);
        m.put("metric", metric);
        m.put("deviceId", deviceId);
        m.put("areaCode", areaCode);
        m.put("direction", direction.name());
        m.put("thresholds", thresholdMap());
        m.put("holdSeconds", holdSeconds);
        m.put("windowSeconds", windowSeconds);
        m.put("minCount", minCount);
        m.put("hysteresis", hysteresis);
        m.put("recoverSeconds", recoverSeconds);
        m.put("eventClassCode", eventClassCode);
        m.put("enabled", enabled);
        m.put("updatedAt", updatedAt);
        m.put("updatedBy", updatedBy);
        return m;
    }
}
