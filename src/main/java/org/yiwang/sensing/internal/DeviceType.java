package org.yiwang.sensing.internal;

import java.util.List;

/** A device type (设备类型) and its metrics. */
public record DeviceType(String code, String nameZh, String nameEn, List<MetricDef> metrics) {

    public DeviceType {
        metrics = List.copyOf(metrics);
    }

    public MetricDef metric(String metricCode) {
        return metrics.stream().filter(m -> m.code().equals(metricCode)).findFirst().orElse(null);
    }
}
