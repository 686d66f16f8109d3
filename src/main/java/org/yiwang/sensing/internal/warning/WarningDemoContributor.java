package org.yiwang.sensing.internal.warning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.yiwang.shared.demo.DemoContributor;
import org.yiwang.shared.security.Caller;

/**
 * The demo city's scenario packs (场景包) of warning rules, after the devices (order 460): 智慧防汛 (荷花桥 gauge against
 * its 警戒水位 4.0 m, 松林溪 above 3.0 m for 10 minutes, fast rise, heavy rain, silent gauges), 燃气安全 (gas in
 * restaurants, two detectors in 东湖区 at once — 多点触发), 电梯安全 (trapped passenger, fault codes) and 大气 (PM2.5, AQI).
 */
@Component
class WarningDemoContributor implements DemoContributor {

    static final String DONGHU = "339902000000";

    private final WarningRuleService rules;

    WarningDemoContributor(WarningRuleService rules) {
        this.rules = rules;
    }

    @Override
    public int order() {
        return 460;
    }

    @Override
    public String name() {
        return "sensing warning rules (防汛, 燃气, 电梯, 大气)";
    }

    static Map<String, Double> levels(Double blue, Double yellow, Double orange, Double red) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (blue != null) {
            m.put("BLUE", blue);
        }
        if (yellow != null) {
            m.put("YELLOW", yellow);
        }
        if (orange != null) {
            m.put("ORANGE", orange);
        }
        if (red != null) {
            m.put("RED", red);
        }
        return m;
    }

    static final List<WarningRuleService.RuleRequest> RULES = List.of(
            // 智慧防汛
            new WarningRuleService.RuleRequest("flood-hehuaqiao-level", "荷花桥水位超警戒（警戒水位 4.0 米）",
                    "He Hua Bridge water level above the warning level (4.0 m)", "THRESHOLD", "WATER_LEVEL", "water_level",
                    "wl-liuan-03", null, "ABOVE", levels(3.5, 3.7, 3.85, 4.0), 0, 0, null, 0.05, 60, "E0404", true),
            new WarningRuleService.RuleRequest("flood-songlin-sustained", "松林溪水位持续 10 分钟超警戒（3.0 米）",
                    "Songlin Creek above its warning level (3.0 m) for 10 minutes", "THRESHOLD", "WATER_LEVEL", "water_level",
                    "wl-songlin-01", null, "ABOVE", levels(null, 2.8, null, 3.0), 600, 0, null, 0.05, 300, "E0404", true),
            new WarningRuleService.RuleRequest("flood-fast-rise", "河道水位快速上涨", "River level rising fast", "RATE_OF_CHANGE",
                    "WATER_LEVEL", "water_level", null, null, "ABOVE", levels(null, 0.3, 0.5, 0.8), 0, 1800, null, 0.05, 600, null, true),
            new WarningRuleService.RuleRequest("flood-heavy-rain", "短时强降雨", "Heavy short-term rainfall", "THRESHOLD", "RAIN_GAUGE",
                    "rainfall", null, null, "ABOVE", levels(8.0, 10.0, 15.0, 20.0), 0, 0, null, 1.0, 300, "E0603", true),
            new WarningRuleService.RuleRequest("flood-gauge-silent", "水位计数据中断", "Water gauge silent", "MISSING_DATA", "WATER_LEVEL",
                    null, null, null, "ABOVE", levels(null, 900.0, 1800.0, null), 0, 0, null, 0.0, 0, null, true),
            // 燃气安全
            new WarningRuleService.RuleRequest("gas-restaurant-lel", "餐饮场所可燃气体浓度超标", "Combustible gas in a restaurant kitchen",
                    "THRESHOLD", "GAS_DETECTOR", "gas_lel", null, null, "ABOVE", levels(null, 10.0, 20.0, 50.0), 0, 0, null, 2.0, 60,
                    "E0403", true),
            new WarningRuleService.RuleRequest("gas-donghu-multi", "东湖区多点燃气报警（10 分钟内 2 处以上）",
                    "Gas alarms at two or more places in Donghu within 10 minutes", "MULTI_POINT", "GAS_DETECTOR", "gas_lel", null,
                    DONGHU, "ABOVE", levels(null, null, 10.0, 20.0), 0, 600, 2, 0.0, 0, "E0403", true),
            // 电梯安全
            new WarningRuleService.RuleRequest("elevator-trapped", "电梯困人报警", "Passenger trapped in an elevator", "THRESHOLD", "ELEVATOR",
                    "trapped_alarm", null, null, "ABOVE", levels(null, null, null, 1.0), 0, 0, null, 0.0, 0, "E0601", true),
            new WarningRuleService.RuleRequest("elevator-fault", "电梯故障代码", "Elevator fault code", "THRESHOLD", "ELEVATOR", "fault_code",
                    null, null, "ABOVE", levels(null, 1.0, null, null), 0, 0, null, 0.0, 300, null, true),
            // 大气
            new WarningRuleService.RuleRequest("air-pm25", "PM2.5 浓度超标（持续 30 分钟）", "PM2.5 above the limits for 30 minutes",
                    "THRESHOLD", "AIR_QUALITY", "pm25", null, null, "ABOVE", levels(75.0, 115.0, 150.0, 250.0), 1800, 0, null, 5.0, 1800,
                    "E0602", true),
            new WarningRuleService.RuleRequest("air-aqi", "空气质量指数超标", "AQI above the limits", "THRESHOLD", "AIR_QUALITY", "aqi",
                    null, null, "ABOVE", levels(101.0, 151.0, 201.0, 301.0), 3600, 0, null, 5.0, 3600, null, true));

    @Override
    public void load() {
        for (WarningRuleService.RuleRequest r : RULES) {
            rules.create(Caller.SYSTEM, r, null);
        }
    }
}
