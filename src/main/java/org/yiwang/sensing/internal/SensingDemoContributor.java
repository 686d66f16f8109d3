package org.yiwang.sensing.internal;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import org.yiwang.shared.demo.DemoContributor;

/**
 * The demo city's sensing devices (after the grids, order 450): river gauges along the 柳岸河 in 东湖区 owned by the
 * 东湖区水利局, rain gauges, gas detectors in restaurants (东湖区/西山区市场监督管理局), elevators, air-quality
 * stations (城市管理局) and one gauge in 西山区. Their secrets come from {@link DemoSecrets} (see docs/sensing.md).
 */
@Component
class SensingDemoContributor implements DemoContributor {

    /** deviceId, name, type, lon, lat, owner department. */
    record DemoDevice(String id, String name, String type, double lon, double lat, String department) {
    }

    static final List<DemoDevice> DEVICES = List.of(
            new DemoDevice("wl-liuan-01", "柳岸河上游水位计", "WATER_LEVEL", 120.006, 30.030, "dh-water"),
            new DemoDevice("wl-liuan-02", "柳岸河中游水位计", "WATER_LEVEL", 120.031, 30.032, "dh-water"),
            new DemoDevice("wl-liuan-03", "柳岸河下游水位计（荷花桥）", "WATER_LEVEL", 120.070, 30.035, "dh-water"),
            new DemoDevice("rg-hubin-01", "湖滨街道雨量站", "RAIN_GAUGE", 120.020, 30.050, "dh-water"),
            new DemoDevice("rg-wenhua-01", "文华街道雨量站", "RAIN_GAUGE", 120.040, 30.110, "dh-water"),
            new DemoDevice("gas-rest-01", "湖滨小馆厨房燃气探测器", "GAS_DETECTOR", 120.015, 30.020, "dh-amr"),
            new DemoDevice("gas-rest-02", "荷花酒家厨房燃气探测器", "GAS_DETECTOR", 120.060, 30.020, "dh-amr"),
            new DemoDevice("elev-shuxiang-01", "书香苑1号楼1号电梯", "ELEVATOR", 120.010, 30.100, "dh-amr"),
            new DemoDevice("elev-hanlin-01", "翰林大厦A座2号电梯", "ELEVATOR", 120.080, 30.120, "dh-amr"),
            new DemoDevice("aq-donghu-01", "东湖区空气质量监测站", "AIR_QUALITY", 120.045, 30.060, "dh-urban"),
            new DemoDevice("wl-songlin-01", "松林溪水位计", "WATER_LEVEL", 120.110, 30.030, "xs-water"),
            new DemoDevice("gas-xs-01", "西山农家菜馆燃气探测器", "GAS_DETECTOR", 120.160, 30.020, "xs-amr"));

    private final DeviceService devices;
    private final String demoPassword;

    SensingDemoContributor(DeviceService devices, @Value("${yiwang.demo.password}") String demoPassword) {
        this.devices = devices;
        this.demoPassword = demoPassword;
    }

    @Override
    public int order() {
        return 450;
    }

    @Override
    public String name() {
        return "sensing (device types, 12 devices)";
    }

    @Override
    public void load() {
        for (DemoDevice d : DEVICES) {
            devices.createWithSecret(d.id(), d.name(), d.type(), d.lon(), d.lat(), d.department(), DemoSecrets.secretFor(demoPassword, d.id()));
        }
    }
}
