package org.yiwang.sensing.internal;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;

/**
 * Sensor simulator (传感器模拟器) for the demo city: connects as each demo device (secret from {@link DemoSecrets}) and
 * publishes realistic readings over MQTT — the 柳岸河 gauges rising past the 警戒水位 (4.0 m at 荷花桥), rain gauges in a
 * storm, restaurant gas detectors (one leaking now and then), elevators with rare faults and a trapped-passenger
 * alarm, PM2.5 and AQI. Run by {@code scripts/simulate-sensors.sh}; not part of the platform's Spring context.
 * <p>
 * Settings (system properties or environment): {@code host}/{@code YIWANG_MQTT_HOST} (127.0.0.1), {@code port}/
 * {@code YIWANG_MQTT_PORT} (1884), {@code password}/{@code YIWANG_DEMO_PASSWORD} (the demo password), {@code interval}
 * seconds between rounds (5), {@code rounds} (120; 0 = until stopped), {@code packs}/{@code YIWANG_SIM_PACKS} scenario
 * packs to publish (comma-separated {@code flood,gas,elevator,air}; default all) and {@code scenario}/
 * {@code YIWANG_SIM_SCENARIO}:
 * <ul>
 *   <li>{@code normal} (default) — the slow storm story above;</li>
 *   <li>{@code flood} — the 荷花桥 gauge {@code wl-liuan-03} climbs 0.15 m a round from 3.3 m past the 警戒水位 4.0 m
 *       (round 5: 红色 alert and a city event for the 东湖区水利局), stays near 4.4 m until round 14 and recedes;
 *       heavy rain meanwhile; the moment it crosses is printed;</li>
 *   <li>{@code gas-leak} — both 东湖区 restaurant detectors leak (25–35 %LEL) in rounds 2–6: an alert per restaurant
 *       and the 多点触发 alert of the district;</li>
 *   <li>{@code elevator-trapped} — {@code elev-hanlin-01} reports fault 301 and a trapped passenger in rounds 2–4;</li>
 *   <li>{@code smog} — PM2.5 climbs 12 µg/m³ a round to about 260 (AQI follows).</li>
 * </ul>
 */
public final class SensorSimulator {

    private static final DateTimeFormatter TS = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    static final List<String> SCENARIOS = List.of("normal", "flood", "gas-leak", "elevator-trapped", "smog");

    private final Random random = new Random(2026);
    private final Map<String, Double> state = new LinkedHashMap<>();
    private final String scenario;
    private final List<String> packs;
    private boolean crossed;

    SensorSimulator(String scenario, List<String> packs) {
        this.scenario = scenario;
        this.packs = packs;
    }

    /** The scenario pack (场景包) of a device type. */
    static String packOf(String type) {
        return switch (type) {
            case "WATER_LEVEL", "RAIN_GAUGE" -> "flood";
            case "GAS_DETECTOR" -> "gas";
            case "ELEVATOR" -> "elevator";
            default -> "air";
        };
    }

    static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    public static void main(String[] args) throws InterruptedException {
        String host = setting("host", "YIWANG_MQTT_HOST", "127.0.0.1");
        int port = Integer.parseInt(setting("port", "YIWANG_MQTT_PORT", "1884"));
        String password = setting("password", "YIWANG_DEMO_PASSWORD", "Yiwang@2026");
        long interval = Long.parseLong(setting("interval", "YIWANG_SIM_INTERVAL", "5"));
        int rounds = Integer.parseInt(setting("rounds", "YIWANG_SIM_ROUNDS", "120"));
        String scenario = setting("scenario", "YIWANG_SIM_SCENARIO", "normal");
        if (!SCENARIOS.contains(scenario)) {
            System.err.println("simulator: unknown scenario " + scenario + ", expected one of " + SCENARIOS);
            System.exit(2);
        }
        List<String> packs = List.of(setting("packs", "YIWANG_SIM_PACKS", "flood,gas,elevator,air").split("\\s*,\\s*"));
        new SensorSimulator(scenario, packs).run(host, port, password, interval, rounds);
    }

    void run(String host, int port, String password, long intervalSeconds, int rounds) throws InterruptedException {
        Map<String, Mqtt3BlockingClient> clients = new LinkedHashMap<>();
        List<SensingDemoContributor.DemoDevice> devices = SensingDemoContributor.DEVICES.stream()
                .filter(d -> packs.contains(packOf(d.type()))).toList();
        for (SensingDemoContributor.DemoDevice d : devices) {
            Mqtt3BlockingClient c = MqttClient.builder().useMqttVersion3().identifier("sim-" + d.id())
                    .serverHost(host).serverPort(port).buildBlocking();
            c.connectWith().simpleAuth().username(d.id()).password(DemoSecrets.secretFor(password, d.id()).getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().send();
            clients.put(d.id(), c);
        }
        System.out.printf("simulator: %d devices (packs %s, scenario %s) connected to %s:%d%n", clients.size(), packs, scenario, host, port);
        long published = 0;
        try {
            for (int round = 0; rounds == 0 || round < rounds; round++) {
                OffsetDateTime now = OffsetDateTime.now(CHINA).truncatedTo(ChronoUnit.SECONDS);
                for (SensingDemoContributor.DemoDevice d : devices) {
                    List<String> readings = readings(d, round);
                    String payload = "{\"readings\":[" + String.join(",", readings.stream()
                            .map(r -> r.replace("$TS", TS.format(now))).toList()) + "]}";
                    clients.get(d.id()).publishWith().topic(MqttIngestion.topicOf(d.id())).qos(MqttQos.AT_LEAST_ONCE)
                            .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
                    published += readings.size();
                    if (d.id().equals("wl-liuan-03") && !crossed && state.getOrDefault(d.id(), 0.0) >= 4.0) {
                        crossed = true;
                        System.out.printf(Locale.ROOT, "simulator: %s 荷花桥 water level %.2f m published, past 警戒水位 4.0 m%n",
                                java.time.LocalTime.now(), state.get(d.id()));
                    }
                }
                if (round % 10 == 0) {
                    System.out.printf("simulator: round %d, %d readings published, 荷花桥 water level %.2f m%n", round, published,
                            state.getOrDefault("wl-liuan-03", 0.0));
                }
                Thread.sleep(intervalSeconds * 1000);
            }
        } finally {
            clients.values().forEach(Mqtt3BlockingClient::disconnect);
        }
        System.out.printf("simulator: done, %d readings published%n", published);
    }

    private static String reading(String metric, double value) {
        return String.format(Locale.ROOT, "{\"metric\":\"%s\",\"value\":%.3f,\"ts\":\"$TS\"}", metric, value);
    }

    /** One round of readings for a device; the flood rises over the first ~60 rounds and then recedes. */
    List<String> readings(SensingDemoContributor.DemoDevice d, int round) {
        if (!scenario.equals("normal")) {
            List<String> special = scenario(d, round);
            if (special != null) {
                return special;
            }
        }
        List<String> out = new ArrayList<>();
        double storm = Math.max(0, Math.sin(Math.PI * Math.min(round, 120) / 120.0)); // 0 → 1 → 0
        switch (d.type()) {
            case "WATER_LEVEL" -> {
                double base = d.id().equals("wl-liuan-03") ? 2.6 : d.id().equals("wl-songlin-01") ? 1.2 : 2.0;
                double level = base + 2.0 * storm + random.nextGaussian() * 0.02; // 荷花桥 peaks ≈ 4.6 m > 警戒水位 4.0 m
                state.put(d.id(), level);
                out.add(reading("water_level", level));
            }
            case "RAIN_GAUGE" -> out.add(reading("rainfall", Math.max(0, 12 * storm + random.nextGaussian() * 1.5)));
            case "GAS_DETECTOR" -> {
                boolean leak = d.id().equals("gas-rest-02") && round % 40 >= 30 && round % 40 < 34;
                out.add(reading("gas_lel", leak ? 18 + random.nextDouble() * 15 : Math.abs(random.nextGaussian()) * 1.5));
            }
            case "ELEVATOR" -> {
                boolean fault = random.nextDouble() < 0.03;
                out.add(reading("fault_code", fault ? 200 + random.nextInt(50) : 0));
                out.add(reading("trapped_alarm", d.id().equals("elev-hanlin-01") && round % 60 == 45 ? 1 : 0));
            }
            case "AIR_QUALITY" -> {
                double pm25 = Math.max(5, state.getOrDefault(d.id(), 45.0) + random.nextGaussian() * 4);
                state.put(d.id(), pm25);
                out.add(reading("pm25", pm25));
                out.add(reading("aqi", aqiOfPm25(pm25)));
            }
            default -> {
            }
        }
        return out;
    }

    /** Readings of a device in the chosen scenario, or null when the device follows the normal story. */
    private List<String> scenario(SensingDemoContributor.DemoDevice d, int round) {
        switch (scenario) {
            case "flood" -> {
                if (d.id().equals("wl-liuan-03")) {
                    double level = round <= 7 ? 3.3 + 0.15 * round : round <= 14 ? 4.35 + random.nextGaussian() * 0.03
                            : Math.max(3.0, 4.35 - 0.2 * (round - 14));
                    state.put(d.id(), level);
                    return List.of(reading("water_level", level));
                }
                if (d.type().equals("RAIN_GAUGE")) {
                    return List.of(reading("rainfall", round <= 14 ? 18 + random.nextDouble() * 6 : Math.max(0, 18 - 2.0 * (round - 14))));
                }
            }
            case "gas-leak" -> {
                if (d.id().equals("gas-rest-01") || d.id().equals("gas-rest-02")) {
                    boolean leak = round >= 2 && round <= 6;
                    return List.of(reading("gas_lel", leak ? 25 + random.nextDouble() * 10 : Math.abs(random.nextGaussian()) * 1.5));
                }
            }
            case "elevator-trapped" -> {
                if (d.id().equals("elev-hanlin-01")) {
                    boolean trapped = round >= 2 && round <= 4;
                    return List.of(reading("fault_code", trapped ? 301 : 0), reading("trapped_alarm", trapped ? 1 : 0));
                }
            }
            case "smog" -> {
                if (d.type().equals("AIR_QUALITY")) {
                    double pm25 = Math.min(260, 40 + 12 * round + random.nextGaussian() * 3);
                    state.put(d.id(), pm25);
                    return List.of(reading("pm25", pm25), reading("aqi", aqiOfPm25(pm25)));
                }
            }
            default -> {
            }
        }
        return null;
    }

    /** The PM2.5 sub-index (IAQI) per HJ 633-2012 (24-hour breakpoints), used as the AQI of this one pollutant. */
    static double aqiOfPm25(double c) {
        double[] bp = {0, 35, 75, 115, 150, 250, 350, 500};
        double[] iaqi = {0, 50, 100, 150, 200, 300, 400, 500};
        for (int i = 1; i < bp.length; i++) {
            if (c <= bp[i]) {
                return iaqi[i - 1] + (iaqi[i] - iaqi[i - 1]) * (c - bp[i - 1]) / (bp[i] - bp[i - 1]);
            }
        }
        return 500;
    }
}
