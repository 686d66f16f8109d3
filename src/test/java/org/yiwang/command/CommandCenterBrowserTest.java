package org.yiwang.command;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import org.yiwang.files.FileService;
import org.yiwang.sensing.AlertChanged;
import org.yiwang.sensing.AlertLevel;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.support.Api;
import org.yiwang.support.AsCaller;
import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher watches /command on a phone: a citizen's report appears on the map and in the list without reload,
 * its marker changes colour when filed and dispatched, the detail panel shows the timeline and the photo, and a
 * description with HTML stays text (stored-XSS safe).
 */
class CommandCenterBrowserTest extends IntegrationTest {

    static {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @Autowired
    FileService files;
    @Autowired
    ApplicationEventPublisher publisher;

    private Page signIn(BrowserContext ctx, String username) {
        Page page = ctx.newPage();
        page.navigate(baseUrl() + "/login");
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", Api.DEMO_PASSWORD);
        page.click("form button[type=submit]");
        page.waitForLoadState();
        return page;
    }

    private String citizenPhoto() throws IOException {
        BufferedImage img = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
        img.setRGB(2, 2, 0x22aa44);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        String account = jdbc.queryForObject("select id from identity_account where username = 'demo-citizen'", String.class);
        Caller c = new Caller(account, "demo-citizen", "demo-citizen", CallerType.CITIZEN, Set.of(), Set.of("file:upload"), Set.of(),
                Set.of(), null);
        return AsCaller.call(c, () -> files.store("garbage.png", "event-photo", new ByteArrayInputStream(out.toByteArray())).id());
    }

    @Test
    void aReportAppearsLiveChangesColourAndShowsItsTimeline() throws IOException {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-dispatcher");
            List<String> scriptErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onPageError(scriptErrors::add);
            page.navigate(baseUrl() + "/workbench");
            assertThat(page.locator("a[href='/command']")).hasCount(1);
            page.navigate(baseUrl() + "/command");
            assertThat(page.locator("#command-center h1")).hasText("运行管理中心");
            assertThat(page.locator("#cc-live")).hasAttribute("data-state", "live");
            assertThat(page.locator("#cc-map")).hasAttribute("data-grids", java.util.regex.Pattern.compile("[1-9]\\d*"));
            assertThat(page.locator("#cc-count-devices")).not().hasText("0");
            Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
            assertThat(overflow).isEqualTo(false);

            // a citizen reports (with a photo and a description that tries to inject HTML)
            String xss = "<img src=x onerror=\"window.__xss=1\">";
            String description = "柳岸路垃圾满溢 " + xss + " " + UUID.randomUUID();
            Api.Response r = Api.as(baseUrl(), "demo-citizen").post("/api/v1/events", Map.of("classCode", "E0101",
                    "description", description, "lon", 120.0061, "lat", 30.0402, "photos", List.of(citizenPhoto())));
            org.assertj.core.api.Assertions.assertThat(r.status()).as(r.toString()).isEqualTo(201);
            String id = r.get("id").asString();
            String no = r.get("eventNo").asString();

            Locator marker = page.locator("#cc-map path[data-event-no='" + no + "']");
            Locator item = page.locator("#cc-list li[data-event-no='" + no + "']");
            assertThat(marker).hasAttribute("data-state", "REPORTED");
            assertThat(item).hasCount(1);
            assertThat(item.locator(".cc-description")).hasText(description);
            String reportedColour = marker.getAttribute("fill");
            org.assertj.core.api.Assertions.assertThat(page.locator("#cc-list img").count()).isZero();
            org.assertj.core.api.Assertions.assertThat(page.evaluate("window.__xss === undefined")).isEqualTo(true);

            // 立案 by the 监督中心, 派遣 by the 指挥中心: the marker follows without reload
            org.assertj.core.api.Assertions.assertThat(Api.as(baseUrl(), "demo-supervisor")
                    .post("/api/v1/events/" + id + "/file", Map.of("classCode", "E0101")).status()).isEqualTo(200);
            assertThat(marker).hasAttribute("data-state", "FILED");
            org.assertj.core.api.Assertions.assertThat(marker.getAttribute("fill")).isNotEqualTo(reportedColour);
            org.assertj.core.api.Assertions.assertThat(Api.as(baseUrl(), "demo-dispatcher")
                    .post("/api/v1/events/" + id + "/dispatch", Map.of("departmentId", "dh-urban")).status()).isEqualTo(200);
            assertThat(marker).hasAttribute("data-state", "DISPATCHED");
            assertThat(marker).hasAttribute("fill", "#dd6b20");
            assertThat(item.locator(".cc-badge").first()).hasText("处置中");

            // the detail panel: description as text, timeline, the reporter's photo (readable through a grant)
            item.click();
            Locator panel = page.locator("#cc-detail");
            assertThat(panel).hasAttribute("data-event-no", no);
            assertThat(page.locator("#cc-detail-description")).hasText(description);
            assertThat(page.locator("#cc-detail-timeline li[data-action='report']")).hasCount(1);
            assertThat(page.locator("#cc-detail-timeline li[data-action='file']")).hasCount(1);
            assertThat(page.locator("#cc-detail-timeline li[data-action='dispatch']")).hasCount(1);
            Locator photo = page.locator("#cc-detail-photos img");
            assertThat(photo).hasCount(1);
            page.waitForFunction("img => img.complete && img.naturalWidth > 0", photo.elementHandle());
            org.assertj.core.api.Assertions.assertThat(page.locator("#cc-detail img[src='x']").count()).isZero();
            org.assertj.core.api.Assertions.assertThat(page.evaluate("window.__xss === undefined")).isEqualTo(true);

            // while the panel is open, a new step shows up in its timeline
            org.assertj.core.api.Assertions.assertThat(Api.as(baseUrl(), "demo-officer")
                    .post("/api/v1/events/" + id + "/handle", Map.of("comment", "已清运 <b>完毕</b>")).status()).isEqualTo(200);
            assertThat(page.locator("#cc-detail-timeline li[data-action='handle'] .cc-comment")).hasText("已清运 <b>完毕</b>");
            assertThat(marker).hasAttribute("data-state", "HANDLED");

            // an early-warning alert on the 柳岸河 gauge shows up live on the map and in the alert list
            String alertId = "browser-alert-" + UUID.randomUUID();
            publisher.publishEvent(new AlertChanged(alertId, "rule-1", AlertChanged.RAISED, AlertLevel.RED, null, true, "wl-liuan-03",
                    120.0061, 30.0402, "339902001001001", "339902001001", id, java.time.Instant.now()));
            assertThat(page.locator("#cc-alerts li[data-alert-id='" + alertId + "']")).hasAttribute("data-level", "RED");
            assertThat(page.locator("#cc-map path[data-alert-id='" + alertId + "']")).hasCount(1);
            publisher.publishEvent(new AlertChanged(alertId, "rule-1", AlertChanged.RECOVERED, AlertLevel.RED, AlertLevel.RED, false,
                    "wl-liuan-03", 120.0061, 30.0402, "339902001001001", "339902001001", id, java.time.Instant.now()));
            assertThat(page.locator("#cc-alerts li[data-alert-id='" + alertId + "']")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(scriptErrors).isEmpty();

            // the same page in English
            page.navigate(baseUrl() + "/command?lang=en");
            assertThat(page.locator("#command-center h1")).hasText("Command center");
            assertThat(page.locator("#cc-list li[data-event-no='" + no + "'] .cc-badge").first()).hasText("To verify");
            assertThat(page.locator("#cc-live")).hasText("Live");
        }
    }

    @Test
    void citizensMayNotOpenTheCommandCenter() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-citizen");
            var response = page.navigate(baseUrl() + "/command");
            org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(403);
        }
    }
}
