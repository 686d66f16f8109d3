package org.yiwang.sensing.internal;

/** A metric of a device type with its unit and valid range (values outside are rejected as {@code out-of-range}). */
public record MetricDef(String typeCode, String code, String nameZh, String nameEn, String unit, double min, double max) {

    boolean accepts(double value) {
        return Double.isFinite(value) && value >= min && value <= max;
    }
}
