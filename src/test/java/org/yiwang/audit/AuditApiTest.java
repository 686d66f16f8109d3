package org.yiwang.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.BrowserSupport;
import org.yiwang.support.IntegrationTest;

/** The audit REST API and the /admin/audit page, through the real security chains. */
class AuditApiTest extends IntegrationTest {

    @Test
    void verifyReportsAnIntactChainAndIsItselfAudited() {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        Api.Response r = admin.get("/api/v1/audit/verify");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(r.get("entriesChecked").asLong()).isPositive();
        assertThat(r.get("firstBroken").isNull()).isTrue();
        Map<String, Object> entry = jdbc.queryForMap("select * from audit_entry where action = 'audit.verify' order by seq desc limit 1");
        assertThat(entry.get("success")).isEqualTo(true);
        assertThat(entry.get("client_ip")).as("client address of the request").isNotNull();
        assertThat((String) entry.get("actor_id")).isNotEqualTo("anonymous");
    }

    @Test
    void verifyNeedsAuditVerify() {
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/audit/verify").status()).isEqualTo(403);
        assertThat(Api.as(baseUrl(), "demo-officer").get("/api/v1/audit/entries").status()).isEqualTo(403);
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/audit/verify").status()).isEqualTo(401);
    }

    @Test
    void entriesAreSearchable() {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        // signing in is audited by the identity module; the demo load by the modules that loaded it
        Api.Response all = admin.get("/api/v1/audit/entries?size=5");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.get("entries").size()).isEqualTo(5);
        assertThat(all.get("total").asLong()).isGreaterThanOrEqualTo(5);
        long first = all.get("entries").get(0).get("seq").asLong();
        long second = all.get("entries").get(1).get("seq").asLong();
        assertThat(first).as("newest first").isGreaterThan(second);
        assertThat(all.get("entries").get(0).get("hash").asString()).hasSize(64);

        Api.Response calendar = admin.get("/api/v1/audit/entries?action=calendar.*&from=2000-01-01");
        assertThat(calendar.status()).isEqualTo(200);
        assertThat(calendar.get("entries").toString()).contains("calendar.year.load");

        Api.Response bad = admin.get("/api/v1/audit/entries?from=yesterday&size=500");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("from")).isTrue();
        Api.Response badSize = admin.get("/api/v1/audit/entries?size=500");
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.namesField("size")).isTrue();
    }

    @Test
    void adminPageListsEntriesAndVerifiesTheChain() {
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            page.navigate(baseUrl() + "/login");
            page.fill("input[name=username]", "demo-admin");
            page.fill("input[name=password]", Api.DEMO_PASSWORD);
            page.click("form button[type=submit]");
            page.waitForLoadState();
            page.navigate(baseUrl() + "/admin/audit?action=calendar.*");
            assertThat(page.locator("#audit-admin h1").textContent()).isEqualTo("审计日志");
            assertThat(page.locator("#audit-entries tbody tr").count()).isGreaterThan(0);
            assertThat(page.locator("#audit-entries tbody").textContent()).contains("calendar.year.load");
            page.click("#verify-chain");
            page.locator("#verify-ok").waitFor();
            assertThat(page.locator("#verify-ok").textContent()).contains("日志链完整");
            // a bad filter is shown on the page, not as an error page
            page.navigate(baseUrl() + "/admin/audit?from=yesterday&lang=en");
            assertThat(page.locator("#filter-errors").textContent()).contains("From");
            assertThat(page.locator("#audit-admin h1").textContent()).isEqualTo("Audit trail");
        }
        try (BrowserContext ctx = BrowserSupport.phone()) {
            Page page = ctx.newPage();
            page.navigate(baseUrl() + "/login");
            page.fill("input[name=username]", "demo-citizen");
            page.fill("input[name=password]", Api.DEMO_PASSWORD);
            page.click("form button[type=submit]");
            page.waitForLoadState();
            var response = page.navigate(baseUrl() + "/admin/audit");
            assertThat(response.status()).isEqualTo(403);
        }
    }
}
