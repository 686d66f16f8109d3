package org.yiwang.governance;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The 统一考核 page on a phone: filter, ECharts chart under the CSP, table with the total, export links, the settings form. */
class EventKpiPagesBrowserTest extends IntegrationTest {

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
    void supervisorSeesTheTableAndChartAndTheAdministratorSavesTheSettings() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-supervisor");
            List<String> errors = new ArrayList<>();
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) {
                    errors.add(m.text());
                }
            });
            page.navigate(baseUrl() + "/workbench");
            assertThat(page.locator("a[href='/workbench/kpis']").count()).isPositive();
            page.navigate(baseUrl() + "/workbench/kpis?period=month&date=2021-03&groupBy=region&regionCode=339902001000");
            assertThat(page.locator("#event-kpis h1").textContent()).contains("统一考核");
            page.waitForSelector("#kpi-chart[data-rows]");
            // 湖滨街道's communities are the rows, the total comes last
            assertThat(page.locator("#kpi-table tr[data-key='339902001001'] td").first().textContent()).isEqualTo("柳岸社区");
            assertThat(page.locator("#kpi-table tr.total td").first().textContent()).isEqualTo("合计");
            assertThat(page.locator("a[href^='/api/v1/event-kpis.xlsx?']").count()).isEqualTo(1);
            assertThat(page.locator("#kpi-config button[type=submit]").count()).as("no settings form without region:manage").isZero();
            assertThat(errors).as("console errors (CSP)").isEmpty();
            Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
            assertThat(overflow).isEqualTo(false);
            page.navigate(baseUrl() + "/workbench/kpis?period=custom&from=2021-03-05&to=2021-03-01");
            assertThat(page.locator("#event-kpis .alert.error").textContent()).contains("to");
        }
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-admin");
            page.navigate(baseUrl() + "/workbench/kpis?lang=en");
            assertThat(page.locator("#event-kpis h1").textContent()).contains("KPIs");
            page.click("#kpi-config button[type=submit]");
            page.waitForSelector("#event-kpis .alert.ok");
            assertThat(page.locator("#event-kpis .alert.ok").textContent()).isEqualTo("KPI settings saved");
            assertThat(jdbc.queryForObject("select weight from gov_kpi_indicator where code = 'onTimeRate'", Double.class)).isEqualTo(35.0);
        }
    }
}
