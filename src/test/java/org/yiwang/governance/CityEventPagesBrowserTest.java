package org.yiwang.governance;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** 随手拍 on a phone: pin, photo upload through /api/v1/files, submit; then the supervisor files it from the inbox. */
class CityEventPagesBrowserTest extends IntegrationTest {

    private Page signIn(BrowserContext ctx, String username) {
        Page page = ctx.newPage();
        page.navigate(baseUrl() + "/login");
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", "Yiwang@2026");
        page.click("form button[type=submit]");
        page.waitForLoadState();
        return page;
    }

    private static byte[] png() throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        img.setRGB(2, 2, 0x884422);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void citizenReportsWithAPhotoAndTheSupervisorFilesIt() throws IOException {
        String description = "浏览器随手拍 " + UUID.randomUUID();
        String eventNo;
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-citizen");
            page.navigate(baseUrl() + "/portal");
            assertThat(page.locator("a[href='/portal/report']").count()).isPositive();
            page.navigate(baseUrl() + "/portal/report");
            assertThat(page.locator("#event-report h1").textContent()).isEqualTo("随手拍");
            page.fill("#description", description);
            page.selectOption("#classCode", "E0101");
            page.fill("#lon", "120.0061");
            page.fill("#lat", "30.0402");
            page.setInputFiles("#photo-input", new FilePayload("trash.png", "image/png", png()));
            page.waitForSelector("#photo-list li[data-file-id]");
            assertThat(page.inputValue("#photos")).isNotBlank();
            Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
            assertThat(overflow).isEqualTo(false);
            page.click("#report-submit");
            page.waitForLoadState();
            assertThat(page.url()).endsWith("/portal/events");
            assertThat(page.locator("#created").textContent()).contains("SJ");
            eventNo = jdbc.queryForObject("select event_no from gov_event where description = ?", String.class, description);
            assertThat(page.locator("[data-event-no='" + eventNo + "'] .state").textContent()).isEqualTo("已受理");
            assertThat(jdbc.queryForObject("select count(*) from gov_event_photo p join gov_event e on e.id = p.event_id "
                    + "where e.event_no = ?", Integer.class, eventNo)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select grid_code from gov_event where event_no = ?", String.class, eventNo))
                    .isEqualTo("339902001001001");
        }
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-supervisor");
            page.navigate(baseUrl() + "/workbench/events");
            var card = page.locator("#section-toFile [data-event-no='" + eventNo + "']");
            assertThat(card.count()).isEqualTo(1);
            card.locator("form[action$='/file'] button").click();
            page.waitForLoadState();
            assertThat(page.locator(".alert.ok").textContent()).contains(eventNo, "已立案");
            assertThat(jdbc.queryForObject("select state from gov_event where event_no = ?", String.class, eventNo)).isEqualTo("FILED");
            assertThat(page.locator("#section-toFile [data-event-no='" + eventNo + "']").count()).isZero();
        }
    }
}
