package org.yiwang.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

/** The grid map page draws every demo grid (under the page's CSP, without map tiles) and fits a phone. */
class GridPagesBrowserTest extends IntegrationTest {

    @Test
    void adminSeesEveryGridOnTheMapWithWorkerNames() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            page.navigate(baseUrl() + "/login");
            page.fill("input[name=username]", "demo-admin");
            page.fill("input[name=password]", "Yiwang@2026");
            page.click("form button[type=submit]");
            page.waitForLoadState();
            page.navigate(baseUrl() + "/admin/governance/grids");
            page.waitForSelector("#grid-map[data-polygons]");
            int grids = jdbc.queryForObject("select count(*) from gov_grid where active = true", Integer.class);
            assertThat(grids).isGreaterThan(0);
            assertThat(page.getAttribute("#grid-map", "data-polygons")).isEqualTo(String.valueOf(grids));
            assertThat(page.locator("#grid-map path.leaflet-interactive").count()).isEqualTo(grids);
            // the demo grid worker is shown by name, not by id
            assertThat(page.locator("tr[data-code='339902001001001']").textContent()).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-");
            assertThat(page.evaluate("document.documentElement.scrollWidth > window.innerWidth")).isEqualTo(false);
        }
    }
}
