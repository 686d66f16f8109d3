package org.yiwang.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

/** The organization admin screens in Debian chromium (phone size): region tree, officers, import with row errors via htmx. */
class OrganizationPagesBrowserTest extends IntegrationTest {

    private static void signIn(Page page, String base, String user) {
        page.navigate(base + "/login");
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", Api.DEMO_PASSWORD);
        page.click("form button[type=submit]");
        page.waitForLoadState();
    }

    @Test
    void adminBrowsesTheOrganizationAndSeesImportRowErrors() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            signIn(page, baseUrl(), "demo-admin");

            page.navigate(baseUrl() + "/admin/organization/regions");
            assertThat(page.locator("h1").textContent()).isEqualTo("行政区划");
            Locator community = page.locator("#region-339902001001");
            assertThat(community.textContent()).contains("柳岸社区").contains("社区/村");
            assertThat(page.locator("#region-339902000000 summary").first().textContent()).contains("东湖区");

            page.navigate(baseUrl() + "/admin/organization/officers");
            Locator officer = page.locator("#officer-demo-officer");
            assertThat(officer.textContent()).contains("吴建华").contains("东湖区城市管理局").contains("审查").contains("刘东升");

            page.navigate(baseUrl() + "/admin/organization/departments?regionCode=339903000000");
            assertThat(page.locator("#department-xs-service").textContent()).contains("西山区行政服务中心");
            assertThat(page.locator("#department-dh-service").count()).isZero();

            page.navigate(baseUrl() + "/admin/organization/import?kind=regions");
            page.setInputFiles("input[name=file]", new FilePayload("regions.csv", "text/csv",
                    "code,name,parentCode\n339400000000,页面市,\n339401000000,,339400000000\n3394,短码,\n".getBytes(StandardCharsets.UTF_8)));
            page.click("#organization-import form button[type=submit]");
            Locator errors = page.locator("#import-result .errors li");
            errors.first().waitFor();
            assertThat(page.url()).endsWith("/admin/organization/import?kind=regions"); // htmx swapped the result in place
            assertThat(errors.count()).isEqualTo(2);
            assertThat(page.locator("#import-result li[data-field='rows[2].name']").count()).isEqualTo(1);
            assertThat(page.locator("#import-result li[data-field='rows[3].code']").textContent()).startsWith("第 3 行");

            page.setInputFiles("input[name=file]", new FilePayload("regions.csv", "text/csv",
                    "code,name,parentCode\n339400000000,页面市,\n".getBytes(StandardCharsets.UTF_8)));
            page.click("#organization-import form button[type=submit]");
            page.locator("#import-result .alert.ok").waitFor();
            assertThat(page.locator("#import-result .alert.ok").textContent()).contains("新增 1");

            page.navigate(baseUrl() + "/admin/organization/regions?lang=en");
            assertThat(page.locator("h1").textContent()).isEqualTo("Regions");
            page.navigate(baseUrl() + "/admin/organization?lang=zh-CN");
            assertThat(page.locator("h1").textContent()).isEqualTo("组织体系");
        }
    }

    @Test
    void anOfficerWithoutManagePermissionsIsRefused() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            signIn(page, baseUrl(), "demo-clerk");
            com.microsoft.playwright.Response r = page.navigate(baseUrl() + "/admin/organization/officers");
            assertThat(r.status()).isEqualTo(403);
        }
    }
}
