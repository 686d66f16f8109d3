package org.yiwang.applications;

import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a phone: a citizen applies for 企业设立登记 from the service guide (the item's JSON Schema form and a material
 * upload), the 东湖区 window clerk accepts it (无差别受理), the 市场监督管理局 officer claims, reviews and grants it in the
 * workbench, and the citizen sees 办结 with the history.
 */
class ApplicationPagesBrowserTest extends IntegrationTest {

    private Page signIn(BrowserContext ctx, String username) {
        Page page = ctx.newPage();
        page.navigate(baseUrl() + "/login");
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", "Yiwang@2026");
        page.click("form button[type=submit]");
        page.waitForLoadState();
        return page;
    }

    private static void act(Page page, String action) {
        page.locator("button[data-action='" + action + "']").click();
        page.waitForLoadState();
    }

    @Test
    void citizenAppliesClerkAcceptsOfficerDecidesCitizenSeesConcluded() {
        String itemId = jdbc.queryForObject("select id from services_item where implementation_code = ? and status = 'PUBLISHED'",
                String.class, ApplicationLifecycleTest.ITEM);
        String id;
        String no;
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-citizen");
            page.navigate(baseUrl() + "/portal");
            assertThat(page.locator("a[href='/portal/applications']").count()).isPositive();
            page.navigate(baseUrl() + "/services/" + itemId);
            page.click("#apply-online");
            page.waitForLoadState();
            assertThat(page.locator("#apply h1").textContent()).contains("企业设立登记");
            // a wrong phone number comes back named on its field, the rest kept
            page.fill("#f-entityName", "浏览器测试贸易有限公司");
            page.fill("#f-creditCode", "91339902MA0000002X");
            page.fill("#f-contactName", "张明华");
            page.fill("#f-phone", "123");
            page.selectOption("#f-companyType", "有限责任公司");
            page.click("#submit-application");
            page.waitForLoadState();
            assertThat(page.locator(".alert.error").count()).isEqualTo(1);
            assertThat(page.inputValue("#f-entityName")).isEqualTo("浏览器测试贸易有限公司");
            page.fill("#f-phone", "13900000002");
            page.setInputFiles("#m-2", new FilePayload("章程.pdf", "application/pdf",
                    "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
            Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
            assertThat(overflow).isEqualTo(false);
            page.click("#submit-application");
            page.waitForLoadState();
            assertThat(page.locator("#created").textContent()).contains(ApplicationLifecycleTest.ITEM);
            no = page.locator("#application-no").textContent().trim();
            id = jdbc.queryForObject("select id from app_case where application_no = ?", String.class, no);
            assertThat(jdbc.queryForObject("select count(*) from app_case_material where case_id = ?", Integer.class, id)).isEqualTo(1);
            assertThat(page.locator("#my-application").getAttribute("data-state")).isEqualTo("SUBMITTED");
        }
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-clerk");
            page.navigate(baseUrl() + "/workbench/applications");
            var card = page.locator("[data-application-no='" + no + "']");
            assertThat(card.count()).isEqualTo(1);
            assertThat(card.getAttribute("data-sla")).isEqualTo("green");
            card.locator("a").click();
            page.waitForLoadState();
            act(page, "accept");
            assertThat(page.locator("#done").textContent()).contains(no, "受理");
            assertThat(page.locator("#workbench-case").getAttribute("data-state")).isEqualTo("ACCEPTED");
        }
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-officer");
            page.navigate(baseUrl() + "/workbench/applications");
            page.locator("[data-application-no='" + no + "'] a").click();
            page.waitForLoadState();
            act(page, "claim");
            assertThat(page.locator("#workbench-case").getAttribute("data-state")).isEqualTo("REVIEW");
            page.fill("form[action$='/review'] input[name=comment]", "材料齐全，符合法定条件");
            act(page, "review");
            assertThat(page.locator("#workbench-case").getAttribute("data-state")).isEqualTo("DECISION");
            act(page, "grant");
            assertThat(page.locator("#done").textContent()).contains("办结");
        }
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-citizen");
            page.navigate(baseUrl() + "/portal/applications");
            var card = page.locator("[data-application-no='" + no + "']");
            assertThat(card.getAttribute("data-state")).isEqualTo("CONCLUDED");
            assertThat(card.locator(".state").textContent()).isEqualTo("办结");
            card.locator("a").click();
            page.waitForLoadState();
            assertThat(page.locator("ol.history li[data-action]").count()).isEqualTo(5);
            assertThat(page.locator("ol.history").textContent()).contains("受理", "准予");
        }
    }

    @Test
    void adminDeploysAFlowForAnItemFromTheAdminPage() throws Exception {
        String itemId = jdbc.queryForObject("select id from services_item where implementation_code = ? and status = 'PUBLISHED'",
                String.class, "11339903MB0002006U8004010000201"); // 社会保障卡申领 at 西山区
        byte[] bpmn;
        try (var in = getClass().getResourceAsStream("/applications/default-application.bpmn20.xml")) {
            bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("yiwang-application-default", "xs-social-card")
                    .getBytes(StandardCharsets.UTF_8);
        }
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-admin");
            page.navigate(baseUrl() + "/admin");
            assertThat(page.locator("a[href='/admin/application-flows']").count()).isPositive();
            page.navigate(baseUrl() + "/admin/application-flows");
            assertThat(page.locator("#application-flows h1").textContent()).isEqualTo("办件流程");
            page.selectOption("#itemId", itemId);
            page.setInputFiles("#file", new FilePayload("not-a-flow.bpmn20.xml", "application/xml", "<x/>".getBytes(StandardCharsets.UTF_8)));
            page.locator("#application-flows form button[type=submit]").click();
            page.waitForLoadState();
            assertThat(page.locator(".alert.error").textContent()).contains("file");
            page.selectOption("#itemId", itemId);
            page.setInputFiles("#file", new FilePayload("social-card.bpmn20.xml", "application/xml", bpmn));
            page.locator("#application-flows form button[type=submit]").click();
            page.waitForLoadState();
            assertThat(page.locator(".alert.ok").textContent()).contains("11339903MB0002006U8004010000201", "xs-social-card");
            assertThat(page.locator("td", new Page.LocatorOptions().setHasText("social-card.bpmn20.xml")).count()).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("select process_definition_id from app_flow where item_code = ?", String.class,
                "11339903MB0002006U8004010000201")).startsWith("xs-social-card:");
    }
}
