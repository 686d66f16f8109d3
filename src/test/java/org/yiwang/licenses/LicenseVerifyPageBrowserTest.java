package org.yiwang.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.support.Api;
import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

/**
 * The public verify page (电子证照验证) in Debian chromium on a phone-sized screen, signed out: a valid license typed
 * into the form, a forged identifier (wrong check character), a revoked license; and 我的证照 for the holder.
 */
class LicenseVerifyPageBrowserTest extends IntegrationTest {

    @Autowired
    Licenses licenses;

    @Test
    void anyoneVerifiesALicenseAndSeesForgedAndRevokedOnes() {
        String valid = jdbc.queryForObject("select id from license where source_ref = 'DEMO-BL-0001'", String.class);
        String revoked = licenses.issue(new IssueRequest("营业执照", "dh-amr",
                LicenseHolder.legalEntity("东湖湖滨餐饮有限公司", "91339902MA2YW0003X", null),
                Map.of("entityType", "有限责任公司", "legalRepresentative", "刘伟", "establishedOn", "2016-09-01",
                        "address", "示例市东湖区湖滨街道湖滨路 6 号", "businessScope", "餐饮服务"), null, null,
                "T-" + UUID.randomUUID().toString().substring(0, 8)));
        Api.as(baseUrl(), "demo-officer").post("/api/v1/licenses/" + revoked + "/revoke", Map.of("reason", "吊销（测试）"));

        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            page.navigate(baseUrl() + "/licenses/verify");
            assertThat(page.locator("h1").textContent()).isEqualTo("电子证照验证");
            page.fill("#license-id", valid);
            page.click("form button[type=submit]");
            page.locator("#verify-valid").waitFor();
            assertThat(page.url()).contains("/licenses/verify/");
            assertThat(page.locator("#verify-result").textContent()).contains("营业执照", "示例科技有限公司", "东湖区市场监督管理局", "有效");

            char check = valid.charAt(valid.length() - 1);
            String forged = valid.substring(0, valid.length() - 1) + (check == 'A' ? 'B' : 'A');
            Response r = page.navigate(baseUrl() + "/licenses/verify/" + forged);
            assertThat(r.status()).isEqualTo(422);
            assertThat(page.locator("#verify-error").getAttribute("data-code")).isEqualTo("license-id-check-failed");
            assertThat(page.locator("#verify-error").textContent()).contains("校验位");
            assertThat(page.locator("#verify-result").count()).isZero();

            r = page.navigate(baseUrl() + "/licenses/verify/" + revoked);
            assertThat(r.status()).isEqualTo(200);
            assertThat(page.locator("#verify-revoked").isVisible()).isTrue();
            assertThat(page.locator("#verify-valid").count()).isZero();
            assertThat(page.locator("#verify-result").textContent()).contains("吊销（测试）");

            page.navigate(baseUrl() + "/licenses/verify/1.2.3?lang=en");
            assertThat(page.locator("#verify-error").getAttribute("data-code")).isEqualTo("malformed-license-id");
            assertThat(page.locator("h1").textContent()).isEqualTo("Verify an electronic license");
        }
    }

    @Test
    void holderSeesMyLicensesWithDownloadLinks() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            page.navigate(baseUrl() + "/login");
            page.fill("input[name=username]", "demo-citizen");
            page.fill("input[name=password]", Api.DEMO_PASSWORD);
            page.click("form button[type=submit]");
            page.waitForLoadState();
            page.navigate(baseUrl() + "/portal");
            page.click("a[href='/portal/licenses']");
            page.locator("#my-licenses").waitFor();
            assertThat(page.locator("h1").textContent()).isEqualTo("我的证照");
            assertThat(page.locator("#my-licenses .card").allTextContents()).anyMatch(t -> t.contains("居民身份证"))
                    .noneMatch(t -> t.contains("营业执照"));
            String href = page.locator("#my-licenses .card a.button").first().getAttribute("href");
            assertThat(href).startsWith("/portal/licenses/1.2.156.3005.2.").endsWith("/document");
            var download = page.request().get(baseUrl() + href);
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.headers().get("content-type")).startsWith("application/pdf");
            assertThat(new String(download.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        }
    }
}
