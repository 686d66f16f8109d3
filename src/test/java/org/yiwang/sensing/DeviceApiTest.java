package org.yiwang.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.sensing.internal.IngestionService;
import org.yiwang.sensing.internal.ReadingWriter;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** The device API through the real security chains, as demo accounts. */
class DeviceApiTest extends IntegrationTest {

    @Autowired IngestionService ingestion;
    @Autowired ReadingWriter writer;

    private static List<String> ids(Api.Response r) {
        List<String> out = new ArrayList<>();
        r.json().forEach(d -> out.add(d.get("deviceId").asString()));
        return out;
    }

    @Test
    void listingIsScopedByRegionAndOwnerDepartment() {
        Api.Response east = Api.as(baseUrl(), "demo-officer").get("/api/v1/devices");
        assertThat(east.status()).isEqualTo(200);
        // demo-officer works for 东湖区 城市管理局 and 市场监督管理局: not the 水利局's gauges, nothing in 西山区
        assertThat(ids(east)).contains("gas-rest-01", "elev-hanlin-01", "aq-donghu-01")
                .doesNotContain("wl-liuan-01", "gas-xs-01", "wl-songlin-01");
        Api.Response west = Api.as(baseUrl(), "demo-officer-xishan").get("/api/v1/devices");
        assertThat(ids(west)).contains("gas-xs-01").doesNotContain("gas-rest-01", "elev-hanlin-01", "aq-donghu-01", "wl-liuan-01");
        assertThat(Api.as(baseUrl(), "demo-officer-xishan").get("/api/v1/devices/gas-rest-01").status()).isEqualTo(404);
        Api.Response all = Api.as(baseUrl(), "demo-admin").get("/api/v1/devices");
        assertThat(ids(all)).hasSizeGreaterThanOrEqualTo(12);
        all.json().forEach(d -> assertThat(d.get("regionCode").asString()).startsWith("3399"));
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/devices").status()).isEqualTo(403);
    }

    @Test
    void adminRegistersADeviceWhoseSecretIsShownOnceAndWorks() throws Exception {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        Api.Response created = admin.post("/api/v1/devices", Map.of("deviceId", "aq-test-01", "name", "测试空气站",
                "typeCode", "AIR_QUALITY", "lon", 120.03, "lat", 30.12, "ownerDepartmentId", "dh-urban"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.get("secret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(created.get("device").get("gridCode").asString()).isEqualTo("339902002001002");
        assertThat(created.get("mqttTopic").asString()).isEqualTo("yiwang/devices/aq-test-01/readings");
        assertThat(jdbc.queryForObject("select count(*) from sensing_device where secret_hash like ?", Integer.class, "%" + secret + "%"))
                .isZero();
        Api.Response fetched = admin.get("/api/v1/devices/aq-test-01");
        assertThat(fetched.body()).doesNotContain(secret).contains("339902002001002");

        assertThat(admin.post("/api/v1/devices", Map.of("deviceId", "aq-test-01", "name", "again", "typeCode", "AIR_QUALITY",
                "lon", 120.03, "lat", 30.12, "ownerDepartmentId", "dh-urban")).status()).isEqualTo(409);
        Api.Response bad = admin.post("/api/v1/devices", Map.of("deviceId", "x/y", "name", "n", "typeCode", "NOPE",
                "lon", 10.0, "lat", 30.12, "ownerDepartmentId", "dh-urban"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("deviceId")).isTrue();
        assertThat(bad.namesField("typeCode")).isTrue();
        assertThat(bad.namesField("lon")).isTrue();
        assertThat(Api.as(baseUrl(), "demo-officer").post("/api/v1/devices", Map.of("deviceId", "aq-test-02", "name", "n",
                "typeCode", "AIR_QUALITY", "lon", 120.03, "lat", 30.12, "ownerDepartmentId", "dh-urban")).status()).isEqualTo(403);

        long before = ingestion.messages();
        Instant ts = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Api.Response up = Api.anonymous(baseUrl()).post("/api/v1/devices/aq-test-01/readings",
                Map.of("readings", List.of(Map.of("metric", "pm25", "value", 35.5, "ts", ts.toString()),
                        Map.of("metric", "aqi", "value", 51, "ts", ts.toString()))), Map.of("X-Device-Secret", secret));
        assertThat(up.status()).as(up.body()).isEqualTo(202);
        assertThat(up.get("accepted").asInt()).isEqualTo(2);
        assertThat(ingestion.awaitMessages(before + 1, Duration.ofSeconds(10))).isTrue();
        assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();

        Api.Response series = admin.get("/api/v1/devices/aq-test-01/series?metric=pm25&step=raw&from="
                + ts.minusSeconds(60) + "&to=" + ts.plusSeconds(60));
        assertThat(series.status()).as(series.body()).isEqualTo(200);
        assertThat(series.json().size()).isEqualTo(1);
        assertThat(series.json().get(0).get("avg").asDouble()).isEqualTo(35.5);
        assertThat(admin.get("/api/v1/devices/aq-test-01/series?metric=water_level").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/devices/aq-test-01/series?metric=pm25&step=5m").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/devices/aq-test-01").json().get("status").asString()).isEqualTo("ONLINE");

        Api.Response stats = admin.get("/api/v1/sensing/stats");
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.get("storedSinceStart").asLong()).isGreaterThanOrEqualTo(2);
    }
}
