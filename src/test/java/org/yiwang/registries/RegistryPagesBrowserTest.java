package org.yiwang.registries;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

/** The registry screens in Debian chromium: search by ID number (htmx), masked for officers, full for the administrator. */
class RegistryPagesBrowserTest extends IntegrationTest {

    private static void signIn(Page page, String base, String user) {
        page.navigate(base + "/login");
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", Api.DEMO_PASSWORD);
        page.click("form button[type=submit]");
        page.waitForLoadState();
    }

    @Test
    void officerSearchesByIdNumberAndSeesMaskedData() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            signIn(page, baseUrl(), "demo-officer");
            page.navigate(baseUrl() + "/admin/registries");
            page.fill("#person-search input[name=q]", "339902199003071232");
            page.click("#person-search button[type=submit]");
            page.locator("#search-results .result").waitFor();
            assertThat(page.url()).as("the ID number is posted, never put in the URL").doesNotContain("339902199003071232");
            String result = page.locator("#search-results").textContent();
            assertThat(result).contains("张*华").contains("339***********1232").doesNotContain("339902199003071232");

            page.locator("#search-results h2 a").click();
            page.waitForLoadState();
            assertThat(page.locator("#person-id-number").textContent()).isEqualTo("339***********1232");
            assertThat(page.content()).doesNotContain("13800000001");

            page.navigate(baseUrl() + "/admin/registries");
            page.fill("#entity-search input[name=q]", "92339903MA2YW00026");
            page.click("#entity-search button[type=submit]");
            page.locator("#search-results .alert").waitFor();
            assertThat(page.locator("#search-results").textContent()).contains("未找到");
            page.navigate(baseUrl() + "/admin/registries/persons");
            assertThat(page.locator("#person-table tbody tr").count()).isGreaterThan(5);
            assertThat(page.locator("#person-table").textContent()).doesNotContain("李秀英").doesNotContain("李*英");
        }
    }

    @Test
    void administratorSeesThePersonInFull() {
        String id = Api.as(baseUrl(), "demo-admin").post("/api/v1/registries/persons/search",
                java.util.Map.of("idNumber", "339903198511204566")).json().get(0).get("id").asString();
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            signIn(page, baseUrl(), "demo-admin");
            page.navigate(baseUrl() + "/admin/registries/persons/" + id);
            assertThat(page.locator("h1").textContent()).isEqualTo("李秀英");
            assertThat(page.locator("#person-id-number").textContent()).isEqualTo("339903198511204566");
        }
    }
}
