package org.yiwang.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

/** Signs in through the real login page in Debian chromium, phone-sized, and checks each audience's home. */
class WebShellBrowserTest extends IntegrationTest {

    private Page signIn(BrowserContext ctx, String username) {
        Page page = ctx.newPage();
        page.navigate(baseUrl() + "/login");
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", "Yiwang@2026");
        page.click("form button[type=submit]");
        page.waitForLoadState();
        return page;
    }

    @Test
    void citizenSignsInAndSeesTheServiceHall() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-citizen");
            assertThat(page.url()).endsWith("/portal");
            assertThat(page.locator("#portal-home h1").textContent()).isEqualTo("办事大厅");
            // the citizen's own name is shown masked in the shell, never an ID number
            assertThat(page.locator(".greeting").textContent()).contains("张");
            assertThat(page.content()).doesNotContain("339902199003071232");
            // English on request, remembered
            page.navigate(baseUrl() + "/portal?lang=en");
            assertThat(page.locator("#portal-home h1").textContent()).isEqualTo("Service hall");
            page.navigate(baseUrl() + "/portal");
            assertThat(page.locator("#portal-home h1").textContent()).isEqualTo("Service hall");
            // the workbench is not for citizens: they are sent back to their own home
            page.navigate(baseUrl() + "/workbench");
            assertThat(page.url()).endsWith("/portal");
        }
    }

    @Test
    void officerSignsInAndSeesTheWorkbench() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-officer");
            assertThat(page.url()).endsWith("/workbench");
            assertThat(page.locator("#workbench-home h1").textContent()).isEqualTo("工作台");
            assertThat(page.locator("#workbench-home .tag").allTextContents()).contains("审查", "决定");
            // the officer's assignments name the department and the region
            assertThat(page.locator("#workbench-home .assignments").textContent()).contains("东湖区城市管理局", "东湖区市场监督管理局");
            // a phone-sized page does not scroll sideways
            Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
            assertThat(overflow).isEqualTo(false);
            // signing out ends the session
            page.click("form[action$='/logout'] button");
            page.waitForLoadState();
            page.navigate(baseUrl() + "/workbench");
            assertThat(page.url()).contains("/login");
        }
    }

    @Test
    void wrongPasswordStaysOnTheLoginPageWithAMessage() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            page.navigate(baseUrl() + "/login");
            page.fill("input[name=username]", "demo-clerk");
            page.fill("input[name=password]", "not-the-password");
            page.click("form button[type=submit]");
            page.waitForLoadState();
            assertThat(page.url()).contains("/login");
            assertThat(page.locator(".alert.error").count()).isGreaterThan(0);
        }
    }
}
