package org.yiwang.payments.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.audit.AuditLog;
import org.yiwang.payments.Bill;
import org.yiwang.payments.BillLine;
import org.yiwang.payments.OpenBillRequest;
import org.yiwang.payments.PaymentGateway;
import org.yiwang.shared.idempotency.IdempotencyService;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/**
 * REST API of 统一公共支付: the gateways' callbacks (public, verified by signature), scoped bill reads, paying
 * (where to send the payer), and officers' open / cancel / refund.
 */
@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments 统一公共支付", description = "Bills (缴款单), payment through a gateway with signed callbacks")
class PaymentsApi {

    /** Body of opening a bill through the API. */
    record OpenBody(String reference, String payerAccountId, List<BillLine> lines, String departmentId, String itemId) {
    }

    /** Body of cancel and refund. */
    record ReasonBody(String reason) {
    }

    private final PaymentService service;
    private final Gateways gateways;
    private final IdempotencyService idempotency;
    private final AuditLog audit;

    PaymentsApi(PaymentService service, Gateways gateways, IdempotencyService idempotency, AuditLog audit) {
        this.service = service;
        this.gateways = gateways;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    @PostMapping("/callbacks/{gateway}")
    @Operation(summary = "Payment notification from a gateway (signed; idempotent: the same notification again → 200, one settlement)")
    Map<String, Object> callback(@PathVariable String gateway, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        PaymentGateway g = gateways.find(gateway).orElse(null);
        if (g == null) {
            reject(gateway, "unknown-gateway", request);
            throw ProblemException.notFound("支付渠道", gateway);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : java.util.Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        PaymentGateway.Notification n;
        try {
            n = g.verify(body == null ? new byte[0] : body, headers);
        } catch (PaymentGateway.InvalidNotification e) {
            reject(gateway, e.reason(), request);
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-notification", "支付通知验签失败或格式错误（" + e.reason() + "）",
                    "The payment notification failed verification (" + e.reason() + "): " + e.getMessage());
        }
        try {
            PaymentService.Settlement s = service.settle(gateway, n);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("result", s.duplicate() ? "DUPLICATE" : "SETTLED");
            out.put("billNo", s.bill().billNo());
            out.put("state", s.bill().state());
            return out;
        } catch (ProblemException e) {
            reject(gateway, e.code() + " bill=" + n.billNo() + " notify=" + n.notifyId(), request);
            throw e;
        }
    }

    private void reject(String gateway, String reason, HttpServletRequest request) {
        audit.recordDetached("gateway:" + gateway, "支付渠道 " + gateway, "payment.callback.rejected", "gateway:" + gateway, false,
                "reason=" + reason + " from=" + request.getRemoteAddr());
    }

    @GetMapping("/bills")
    @Operation(summary = "Bills in the caller's scope (payers: their own); filters state, reference, mine")
    List<Map<String, Object>> list(@RequestParam(required = false) String state, @RequestParam(required = false) String reference,
                                   @RequestParam(required = false, defaultValue = "false") boolean mine,
                                   @RequestParam(required = false, defaultValue = "100") int limit) {
        return service.list(state, reference, mine, limit).stream().map(PaymentsApi::view).toList();
    }

    @GetMapping("/bills/{billNo}")
    Map<String, Object> get(@PathVariable String billNo) {
        return view(service.visible(billNo));
    }

    @PostMapping("/bills")
    @Operation(summary = "Open a bill (officers with payment:manage); Idempotency-Key honoured; one open bill per reference")
    ResponseEntity<Map<String, Object>> open(@RequestBody OpenBody body,
                                             @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Caller c = Callers.require(PaymentService.MANAGE);
        String fp = IdempotencyService.fingerprint(String.valueOf(body));
        IdempotencyService.Outcome out = idempotency.execute("payment-bill", key, c.accountId(), fp,
                () -> service.openAsOfficer(new OpenBillRequest(body.reference(), body.payerAccountId(), body.lines(),
                        body.departmentId(), body.itemId())).billNo());
        return ResponseEntity.status(out.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(view(service.visible(out.resourceId())));
    }

    @PostMapping("/bills/{billNo}/pay")
    @Operation(summary = "Start paying (payer only): returns where to send the payer (the gateway's page)")
    Map<String, Object> pay(@PathVariable String billNo, @RequestParam(required = false) String gateway) {
        Bill b = service.payable(billNo);
        PaymentGateway g = gateways.choose(gateway);
        return Map.of("billNo", b.billNo(), "gateway", g.id(), "redirect", g.paymentPage(b, "/portal/payments").toString());
    }

    @PostMapping("/bills/{billNo}/cancel")
    @Operation(summary = "Cancel (撤销) an unpaid bill (payment:manage); 409 unless unpaid")
    Map<String, Object> cancel(@PathVariable String billNo, @RequestBody(required = false) ReasonBody body) {
        return view(service.cancelAsOfficer(billNo, body == null ? null : body.reason()));
    }

    @PostMapping("/bills/{billNo}/refund")
    @Operation(summary = "Record a refund (退费) of a paid bill (payment:manage); 409 unless paid")
    Map<String, Object> refund(@PathVariable String billNo, @RequestBody(required = false) ReasonBody body) {
        return view(service.refund(billNo, body == null ? null : body.reason()));
    }

    static Map<String, Object> view(Bill b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("billNo", b.billNo());
        m.put("reference", b.reference());
        m.put("payerAccountId", b.payerAccountId());
        m.put("departmentId", b.departmentId());
        m.put("regionCode", b.regionCode());
        m.put("itemId", b.itemId());
        m.put("lines", b.lines());
        m.put("amountFen", b.amountFen());
        m.put("amountYuan", b.amountYuan());
        m.put("state", b.state());
        m.put("stateLabel", b.state().zh());
        m.put("gateway", b.gateway());
        m.put("tradeNo", b.tradeNo());
        m.put("createdAt", b.createdAt());
        m.put("paidAt", b.paidAt());
        m.put("closedAt", b.closedAt());
        m.put("closeReason", b.closeReason());
        return m;
    }
}
