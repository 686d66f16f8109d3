package org.yiwang.payments.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.crypto.CryptoProvider;
import org.yiwang.payments.Bill;
import org.yiwang.payments.BillLine;
import org.yiwang.payments.BillState;
import org.yiwang.payments.OpenBillRequest;
import org.yiwang.payments.Payments;
import org.yiwang.services.ServiceCatalog;
import org.yiwang.services.ServiceItem;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 统一公共支付: bills from catalog fees, payment through the simulator gateway whose SM2-signed notification settles the
 * bill once (repeated and concurrent identical notifications → one settlement, 200 each), forged, tampered and
 * mismatching notifications refused (4xx, audited), cancellation, scope and bad input.
 */
class PaymentCallbackTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    Payments payments;
    @Autowired
    ServiceCatalog catalog;
    @Autowired
    SimulatorBank bank;
    @Autowired
    CryptoProvider crypto;

    private String accountId(String username) {
        return jdbc.queryForObject("select id from identity_account where username = ?", String.class, username);
    }

    private Bill openFor(String username, long fen) {
        return payments.openBill(new OpenBillRequest("test-" + UUID.randomUUID(), accountId(username),
                List.of(new BillLine("测试收费", fen, "测试依据")), "dh-amr"));
    }

    private HttpResponse<String> callback(byte[] body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/payments/callbacks/sim"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-Sim-Signature", signature);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private int audits(String action, String target) {
        return jdbc.queryForObject("select count(*) from audit_entry where action = ? and target = ?", Integer.class, action, target);
    }

    @Test
    void billFromCatalogFeesIsPaidThroughTheSimulatorAndSettledOnce() throws Exception {
        ServiceItem item = catalog.published("11339900MB000100431003030000101").orElseThrow();
        assertThat(item.fees()).isNotEmpty();
        String ref = "app-" + UUID.randomUUID();
        Bill bill = payments.openBill(OpenBillRequest.forItem(ref, accountId("demo-citizen"), item));
        assertThat(bill.billNo()).matches("JK\\d{8}\\d{6}");
        assertThat(bill.amountFen()).isEqualTo(1000);
        assertThat(bill.lines()).hasSize(1);
        assertThat(bill.lines().get(0).name()).isEqualTo("机动车驾驶证工本费");
        assertThat(bill.state()).isEqualTo(BillState.UNPAID);
        assertThat(bill.departmentId()).isEqualTo("city-psb");
        assertThat(payments.isSettled(ref)).isFalse();
        // one open bill per reference: opening again returns it
        assertThat(payments.openBill(OpenBillRequest.forItem(ref, accountId("demo-citizen"), item)).billNo()).isEqualTo(bill.billNo());
        assertThat(payments.bills(ref)).hasSize(1);

        // the payer sees it and is sent to the gateway's page; another account does not see it
        Api.Client citizen = Api.as(baseUrl(), "demo-citizen");
        Api.Response mine = citizen.get("/api/v1/payments/bills?mine=true");
        assertThat(mine.body()).contains(bill.billNo());
        Api.Response pay = citizen.post("/api/v1/payments/bills/" + bill.billNo() + "/pay", null);
        assertThat(pay.status()).as(pay.toString()).isEqualTo(200);
        assertThat(pay.get("redirect").asString()).isEqualTo("/pay/sim/" + bill.billNo());
        assertThat(Api.as(baseUrl(), "demo-enterprise").get("/api/v1/payments/bills/" + bill.billNo()).status()).isEqualTo(404);
        assertThat(Api.as(baseUrl(), "demo-enterprise").post("/api/v1/payments/bills/" + bill.billNo() + "/pay", null).status()).isEqualTo(404);

        // the simulated bank signs a notification and posts it over HTTP to the callback
        byte[] body = SimulatorBank.notificationFor(bill, bill.amountFen());
        String sig = bank.sign(body);
        HttpResponse<String> first = callback(body, sig);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"SETTLED\"");
        // the same notification again: 200, nothing changes
        HttpResponse<String> second = callback(body, sig);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.body()).contains("\"DUPLICATE\"");

        Bill paid = payments.bill(bill.billNo()).orElseThrow();
        assertThat(paid.state()).isEqualTo(BillState.PAID);
        assertThat(paid.gateway()).isEqualTo("sim");
        assertThat(paid.tradeNo()).startsWith("SIM");
        assertThat(payments.isSettled(ref)).isTrue();
        assertThat(audits("bill.settle", "bill:" + bill.billNo())).isEqualTo(1);
        // a paid bill is what openBill returns for the reference (no second bill)
        assertThat(payments.openBill(OpenBillRequest.forItem(ref, accountId("demo-citizen"), item)).billNo()).isEqualTo(bill.billNo());
        assertThat(citizen.post("/api/v1/payments/bills/" + bill.billNo() + "/pay", null).status()).isEqualTo(409);

        // a second payment of the same bill under another transaction number is refused (refund it)
        byte[] other = SimulatorBank.notificationFor(bill, bill.amountFen());
        HttpResponse<String> twice = callback(other, bank.sign(other));
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
    }

    @Test
    void theSimulatorPaysThroughTheRealCallback() {
        Bill bill = openFor("demo-citizen", 2550);
        SimulatorBank.CallbackResult r = bank.pay(bill);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(payments.bill(bill.billNo()).orElseThrow().state()).isEqualTo(BillState.PAID);
        assertThat(payments.isSettled(bill.reference())).isTrue();
    }

    @Test
    void forgedTamperedAndMismatchingNotificationsAreRefusedAndAudited() throws Exception {
        Bill bill = openFor("demo-citizen", 1200);
        int rejectedBefore = jdbc.queryForObject("select count(*) from audit_entry where action = 'payment.callback.rejected'", Integer.class);

        // forged: signed by a key that is not the gateway's
        byte[] body = SimulatorBank.notificationFor(bill, bill.amountFen());
        KeyPair forger = crypto.generateSm2KeyPair();
        HttpResponse<String> forged = callback(body, Base64.getEncoder().encodeToString(crypto.sm2Sign(forger.getPrivate(), body)));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
        assertThat(forged.body()).contains("invalid-notification").contains("bad-signature");

        // tampered: the gateway's signature over a body whose amount was changed afterwards
        String sig = bank.sign(body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"amount\":1200", "\"amount\":1").getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(body);
        assertThat(callback(tampered, sig).statusCode()).isEqualTo(400);

        // no signature, garbage signature
        assertThat(callback(body, null).statusCode()).isEqualTo(400);
        assertThat(callback(body, "not base64 !").statusCode()).isEqualTo(400);

        // correctly signed but for another amount → 422; for an unknown bill → 404
        byte[] wrongAmount = SimulatorBank.notificationFor(bill, 1);
        HttpResponse<String> mismatch = callback(wrongAmount, bank.sign(wrongAmount));
        assertThat(mismatch.statusCode()).as(mismatch.body()).isEqualTo(422);
        assertThat(mismatch.body()).contains("amount-mismatch");
        Bill ghost = new Bill("JK20990101999999", "x", "x", "dh-amr", "339902000000", null, List.of(), 1200, BillState.UNPAID, null, null,
                null, null, null, null);
        byte[] unknown = SimulatorBank.notificationFor(ghost, 1200);
        assertThat(callback(unknown, bank.sign(unknown)).statusCode()).isEqualTo(404);
        // unknown gateway
        HttpResponse<String> noGateway = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/payments/callbacks/nobank"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noGateway.statusCode()).isEqualTo(404);

        assertThat(payments.bill(bill.billNo()).orElseThrow().state()).isEqualTo(BillState.UNPAID);
        int rejectedAfter = jdbc.queryForObject("select count(*) from audit_entry where action = 'payment.callback.rejected'", Integer.class);
        assertThat(rejectedAfter - rejectedBefore).isEqualTo(7);
    }

    @Test
    void twoIdenticalCallbacksAtOnceSettleOnce() throws Exception {
        Bill bill = openFor("demo-citizen", 800);
        byte[] body = SimulatorBank.notificationFor(bill, bill.amountFen());
        String sig = bank.sign(body);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<HttpResponse<String>> call = () -> {
                    start.await();
                    return callback(body, sig);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<HttpResponse<String>> f : results) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                outcomes.add(r.body().contains("\"SETTLED\"") ? "SETTLED" : "DUPLICATE");
            }
            assertThat(outcomes).containsExactlyInAnyOrder("SETTLED", "DUPLICATE");
        } finally {
            pool.shutdownNow();
        }
        assertThat(payments.bill(bill.billNo()).orElseThrow().state()).isEqualTo(BillState.PAID);
        assertThat(audits("bill.settle", "bill:" + bill.billNo())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from pay_notification where bill_no = ?", Integer.class, bill.billNo())).isEqualTo(1);
    }

    @Test
    void officersOpenAndCancelBillsInTheirScopeAndACancelledBillCannotBePaid() throws Exception {
        Api.Client officer = Api.as(baseUrl(), "demo-officer");
        String ref = "case-" + UUID.randomUUID();
        Map<String, Object> open = Map.of("reference", ref, "payerAccountId", accountId("demo-enterprise"), "departmentId", "dh-amr",
                "lines", List.of(Map.of("name", "登记费", "amountFen", 5000, "basis", "测试")));
        String key = "bill-" + UUID.randomUUID();
        Api.Response created = officer.post("/api/v1/payments/bills", open, Map.of("Idempotency-Key", key));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String no = created.get("billNo").asString();
        Api.Response replay = officer.post("/api/v1/payments/bills", open, Map.of("Idempotency-Key", key));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.get("billNo").asString()).isEqualTo(no);
        // another district's officer neither opens for 东湖区 nor sees the bill; a citizen may not open bills
        Api.Client xishan = Api.as(baseUrl(), "demo-officer-xishan");
        assertThat(xishan.post("/api/v1/payments/bills", Map.of("reference", "x-" + UUID.randomUUID(), "payerAccountId", "p",
                "departmentId", "dh-amr", "lines", List.of(Map.of("name", "a", "amountFen", 1)))).status()).isEqualTo(403);
        assertThat(xishan.get("/api/v1/payments/bills/" + no).status()).isEqualTo(404);
        assertThat(Api.as(baseUrl(), "demo-citizen").post("/api/v1/payments/bills", open).status()).isEqualTo(403);

        // bad input names the fields
        Api.Response bad = officer.post("/api/v1/payments/bills", Map.of("reference", "", "departmentId", "nope", "lines",
                List.of(Map.of("name", "", "amountFen", 0))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("reference")).isTrue();
        assertThat(bad.namesField("payerAccountId")).isTrue();
        assertThat(bad.namesField("departmentId")).isTrue();
        assertThat(bad.namesField("lines[0].name")).isTrue();
        assertThat(bad.namesField("lines[0].amountFen")).isTrue();

        // refund of an unpaid bill is a 409; cancel needs a reason; cancel; a cancelled bill cannot be paid
        assertThat(officer.post("/api/v1/payments/bills/" + no + "/refund", Map.of("reason", "x")).status()).isEqualTo(409);
        assertThat(officer.post("/api/v1/payments/bills/" + no + "/cancel", Map.of()).namesField("reason")).isTrue();
        Api.Response cancelled = officer.post("/api/v1/payments/bills/" + no + "/cancel", Map.of("reason", "申请人撤回申请"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(payments.isSettled(ref)).isTrue();
        Bill b = payments.bill(no).orElseThrow();
        byte[] body = SimulatorBank.notificationFor(b, b.amountFen());
        assertThat(callback(body, bank.sign(body)).statusCode()).isEqualTo(409);
        // after a cancellation a new bill may be opened for the reference
        Bill again = payments.openBill(new OpenBillRequest(ref, accountId("demo-enterprise"), List.of(new BillLine("登记费", 5000, null)), "dh-amr"));
        assertThat(again.billNo()).isNotEqualTo(no);
        assertThat(payments.isSettled(ref)).isFalse();
        assertThat(payments.bills(ref)).extracting(Bill::state).containsExactly(BillState.CANCELLED, BillState.UNPAID);

        // paid, then refunded by the officer
        assertThat(bank.pay(again).status()).isEqualTo(200);
        Api.Response refunded = officer.post("/api/v1/payments/bills/" + again.billNo() + "/refund", Map.of("reason", "重复缴费"));
        assertThat(refunded.get("state").asString()).isEqualTo("REFUNDED");

        assertThatThrownBy(() -> payments.openBill(new OpenBillRequest(" ", "a", List.of(), "dh-amr")))
                .hasMessageContaining("invalid fields");
    }
}
