package org.yiwang.payments;

import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.evaluation.Evaluation;
import org.yiwang.evaluation.Evaluations;
import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a phone: the citizen pays a bill under 我的缴费 through the simulator gateway (signed callback over HTTP), gives a
 * 差评 under 我的评价, the officer records 回访 and 整改 on the workbench, the citizen gives the one 追评, and the
 * public 好差评 page shows the department.
 */
class PaymentAndEvaluationPagesBrowserTest extends IntegrationTest {

    @Autowired
    Payments payments;
    @Autowired
    Evaluations evaluations;

    private String accountId(String username) {
        return jdbc.queryForObject("select id from identity_account where username = ?", String.class, username);
    }

    private Page signIn(BrowserContext ctx, String username) {
        Page page = ctx.newPage();
        page.navigate(baseUrl() + "/login");
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", "Yiwang@2026");
        page.click("form button[type=submit]");
        page.waitForLoadState();
        return page;
    }

    private static void noHorizontalScroll(Page page) {
        assertThat(page.evaluate("document.documentElement.scrollWidth > window.innerWidth")).isEqualTo(false);
    }

    @Test
    void citizenPaysThroughTheSimulator() {
        Bill bill = payments.openBill(new OpenBillRequest("web-" + UUID.randomUUID(), accountId("demo-citizen"),
                List.of(new BillLine("证书工本费", 1500, "测试依据")), "dh-amr"));
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-citizen");
            page.navigate(baseUrl() + "/portal");
            assertThat(page.locator("a[href='/portal/payments']").count()).isPositive();
            page.navigate(baseUrl() + "/portal/payments");
            var card = page.locator("[data-bill-no='" + bill.billNo() + "']");
            assertThat(card.locator(".state").textContent()).isEqualTo("待缴");
            assertThat(card.locator(".amount").textContent()).isEqualTo("¥15.00");
            noHorizontalScroll(page);
            card.locator("form button").click();
            page.waitForLoadState();
            assertThat(page.url()).endsWith("/pay/sim/" + bill.billNo());
            assertThat(page.locator("#amount").textContent()).isEqualTo("¥15.00");
            page.click("#confirm");
            page.waitForLoadState();
            assertThat(page.url()).endsWith("/portal/payments");
            assertThat(page.locator("#paid").textContent()).contains(bill.billNo());
            assertThat(page.locator("[data-bill-no='" + bill.billNo() + "'] .state").textContent()).isEqualTo("已缴");
        }
        assertThat(payments.isSettled(bill.reference())).isTrue();
    }

    @Test
    void aNegativeRatingIsRectifiedOnTheWorkbenchAndFollowedUp() {
        Evaluation e = evaluations.enable("application", "web-" + UUID.randomUUID(), "11339902MB000200211001010000201", "dh-amr",
                accountId("demo-citizen"), null);
        String card = "[data-evaluation='" + e.id() + "']";
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-citizen");
            page.navigate(baseUrl() + "/portal/evaluations");
            assertThat(page.locator(card + " .state").textContent()).isEqualTo("待评价");
            page.selectOption(card + " select[name=OVERALL]", "DISSATISFIED");
            page.selectOption(card + " select[name=EFFICIENCY]", "VERY_DISSATISFIED");
            page.fill(card + " textarea[name=comment]", "材料清单与窗口要求不一致");
            noHorizontalScroll(page);
            page.click(card + " form button");
            page.waitForLoadState();
            assertThat(page.locator("#done").textContent()).contains("整改");
            assertThat(page.locator(card + " .state").textContent()).isEqualTo("整改中");
        }
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-officer");
            page.navigate(baseUrl() + "/workbench");
            assertThat(page.locator("a[href='/workbench/evaluations']").count()).isPositive();
            page.navigate(baseUrl() + "/workbench/evaluations");
            assertThat(page.locator(card).getAttribute("data-task-state")).isEqualTo("OPEN");
            assertThat(page.locator(card).textContent()).contains("材料清单与窗口要求不一致", "回访时限");
            page.fill(card + " input[name=note]", "已电话回访，核对材料清单");
            page.click(card + " form button");
            page.waitForLoadState();
            assertThat(page.locator("#done").textContent()).isEqualTo("已记录回访。");
            page.fill(card + " input[name=note]", "更新办事指南材料清单并培训窗口人员");
            page.click(card + " form button");
            page.waitForLoadState();
            assertThat(page.locator(card).getAttribute("data-task-state")).isEqualTo("RECTIFIED");
        }
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = signIn(ctx, "demo-citizen");
            page.navigate(baseUrl() + "/portal/evaluations");
            assertThat(page.locator(card + " .rectified").textContent()).contains("更新办事指南材料清单");
            page.selectOption(card + " select[name=level]", "SATISFIED");
            page.click(card + " form button");
            page.waitForLoadState();
            assertThat(page.locator(card + " .state").textContent()).isEqualTo("已追评");
        }
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            page.navigate(baseUrl() + "/evaluations");
            assertThat(page.locator("#by-department [data-key='dh-amr']").textContent()).contains("东湖区市场监督管理局");
            assertThat(page.locator("#by-item [data-key='11339902MB000200211001010000201']").textContent()).contains("企业设立登记");
            noHorizontalScroll(page);
        }
    }
}
