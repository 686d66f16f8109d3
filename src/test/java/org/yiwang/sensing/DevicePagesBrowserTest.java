package org.yiwang.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import org.yiwang.sensing.internal.DemoSecrets;
import org.yiwang.sensing.internal.IngestionService;
import org.yiwang.sensing.internal.ReadingWriter;
import org.yiwang.support.Api;
import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

/** The device list and the device page with its ECharts line chart (under the page's CSP), on a phone. */
class DevicePagesBrowserTest extends IntegrationTest {

    @Autowired IngestionService ingestion;
    @Autowired ReadingWriter writer;
    @Value("${yiwang.demo.password}") String demoPassword;

    @Test
    void officerSeesDevicesAndTheChartOfAGauge() throws Exception {
        String id = "wl-liuan-03";
        Instant t = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        long before = ingestion.messages();
        Api.Response up = Api.anonymous(baseUrl()).post("/api/v1/devices/" + id + "/readings",
                Map.of("readings", List.of(Map.of("metric", "water_level", "value", 2.1, "ts", t.toString()),
                        Map.of("metric", "water_level", "value", 2.4, "ts", t.plusSeconds(300).toString()),
                        Map.of("metric", "water_level", "value", 2.9, "ts", t.plusSeconds(600).toString()))),
                Map.of("X-Device-Secret", DemoSecrets.secretFor(demoPassword, id)));
        assertThat(up.status()).isEqualTo(202);
        assertThat(ingestion.awaitMessages(before + 1, Duration.ofSeconds(10))).isTrue();
        assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();

        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            page.navigate(baseUrl() + "/login");
            page.fill("input[name=username]", "demo-admin");
            page.fill("input[name=password]", "Yiwang@2026");
            page.click("form button[type=submit]");
            page.waitForLoadState();
            page.navigate(baseUrl() + "/workbench/devices");
            assertThat(page.locator("tr[data-device-id]").count()).isGreaterThanOrEqualTo(12);
            assertThat(page.locator("tr[data-device-id='wl-liuan-01']").textContent()).contains("339902001001001").contains("东湖区水利局");
            page.click("tr[data-device-id='" + id + "'] a");
            page.waitForSelector("#series-chart[data-points]");
            assertThat(page.getAttribute("#series-chart", "data-points")).isEqualTo("3");
            assertThat(page.locator("#series-chart canvas").count()).isGreaterThanOrEqualTo(1);
            assertThat(page.evaluate("document.documentElement.scrollWidth > window.innerWidth")).isEqualTo(false);
        }
    }
}
