package org.yiwang.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.support.Api;
import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

/** The /inbox page in Debian chromium: a new message is listed unread and marking it read works through htmx. */
class InboxPageBrowserTest extends IntegrationTest {

    @Autowired
    Notifier notifier;

    @Test
    void citizenSeesANewMessageAndMarksItRead() {
        String account = Api.as(baseUrl(), "demo-citizen").get("/api/v1/me").get("id").asString();
        String caseNo = "WEB-" + UUID.randomUUID().toString().substring(0, 8);
        notifier.send(NotificationRequested.inApp("case.status-changed", List.of(account),
                Map.of("caseNo", caseNo, "serviceName", "居住证申领", "status", "已受理"), "/portal"));

        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            page.navigate(baseUrl() + "/login");
            page.fill("input[name=username]", "demo-citizen");
            page.fill("input[name=password]", Api.DEMO_PASSWORD);
            page.click("form button[type=submit]");
            page.waitForLoadState();

            page.navigate(baseUrl() + "/inbox");
            assertThat(page.locator("h1").textContent()).isEqualTo("消息中心");
            Locator row = page.locator("li.message", new Page.LocatorOptions().setHasText(caseNo));
            assertThat(row.count()).isEqualTo(1);
            assertThat(row.getAttribute("class")).contains("unread");
            // times in the city's zone (Asia/Shanghai), whatever the server's zone
            String shown = row.locator("time").textContent();
            java.time.Instant created = java.time.Instant.parse(row.locator("time").getAttribute("datetime"));
            assertThat(shown).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .format(created.atZone(java.time.ZoneId.of("Asia/Shanghai"))));
            assertThat(row.locator("a").getAttribute("href")).isEqualTo("/portal");
            long unreadBefore = Long.parseLong(page.locator("#unread-count").textContent().trim());
            assertThat(unreadBefore).isGreaterThanOrEqualTo(1);

            row.locator("button").click(); // htmx: swaps the row in place, updates the counter out of band
            Locator readRow = page.locator("li.message.read", new Page.LocatorOptions().setHasText(caseNo));
            readRow.waitFor();
            assertThat(page.url()).endsWith("/inbox");
            assertThat(page.locator("#unread-count").textContent().trim()).isEqualTo(String.valueOf(unreadBefore - 1));
            assertThat(page.locator("li.message", new Page.LocatorOptions().setHasText(caseNo)).count()).isEqualTo(1);

            page.navigate(baseUrl() + "/inbox?lang=en");
            assertThat(page.locator("h1").textContent()).isEqualTo("Messages");
            page.navigate(baseUrl() + "/inbox?lang=zh-CN");
        }
    }
}
