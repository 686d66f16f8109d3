package org.yiwang.payments.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.notification.NotificationRequested;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.payments.Bill;
import org.yiwang.payments.BillLine;
import org.yiwang.payments.BillSettled;
import org.yiwang.payments.BillState;
import org.yiwang.payments.OpenBillRequest;
import org.yiwang.payments.PaymentGateway;
import org.yiwang.payments.Payments;
import org.yiwang.shared.security.AccessScope;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Bills (缴款单): opening (one open bill per reference), settlement from a verified gateway notification (idempotent:
 * the bill row is locked, a second identical notification finds it paid and changes nothing), cancellation and
 * refund, and the scoped reads of the API and pages. Every change is audited.
 */
@Service
class PaymentService implements Payments {

    static final String MANAGE = "payment:manage";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** Result of handling a notification. */
    record Settlement(Bill bill, boolean duplicate) {
    }

    private final BillStore store;
    private final OrganizationDirectory directory;
    private final WorkingCalendar calendar;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    PaymentService(BillStore store, OrganizationDirectory directory, WorkingCalendar calendar, AuditLog audit,
                   ApplicationEventPublisher events) {
        this.store = store;
        this.directory = directory;
        this.calendar = calendar;
        this.audit = audit;
        this.events = events;
    }

    // ------------------------------------------------------------------ public API

    @Override
    @Transactional
    public Bill openBill(OpenBillRequest req) {
        List<FieldViolation> bad = new ArrayList<>();
        if (req == null) {
            throw ProblemException.invalidField("request", "必填", "required");
        }
        String reference = req.reference() == null ? "" : req.reference().trim();
        if (reference.isEmpty() || reference.length() > 100) {
            bad.add(new FieldViolation("reference", "必填，不超过 100 字符", "required, at most 100 characters"));
        }
        if (req.payerAccountId() == null || req.payerAccountId().isBlank()) {
            bad.add(new FieldViolation("payerAccountId", "必填", "required"));
        }
        Department dept = req.departmentId() == null ? null : directory.department(req.departmentId()).orElse(null);
        if (dept == null) {
            bad.add(new FieldViolation("departmentId", "未知的执收单位", "unknown collecting department"));
        }
        List<BillLine> lines = req.lines() == null ? List.of() : req.lines();
        if (lines.isEmpty()) {
            bad.add(new FieldViolation("lines", "至少需要一个收费项目", "at least one fee line is required"));
        }
        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
            BillLine l = lines.get(i);
            if (l == null || l.name() == null || l.name().isBlank() || l.name().length() > 200) {
                bad.add(new FieldViolation("lines[" + i + "].name", "必填，不超过 200 字", "required, at most 200 characters"));
            }
            if (l != null && (l.amountFen() <= 0 || l.amountFen() > 100_000_000_00L)) {
                bad.add(new FieldViolation("lines[" + i + "].amountFen", "应为正整数（分）", "must be a positive amount in fen"));
            } else if (l != null) {
                total += l.amountFen();
            }
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        store.lockReference(reference);
        Optional<Bill> live = store.byReference(reference).stream()
                .filter(b -> b.state() == BillState.UNPAID || b.state() == BillState.PAID).findFirst();
        if (live.isPresent()) {
            return live.get();
        }
        Instant now = Instant.now();
        String day = LocalDate.ofInstant(now, calendar.zone()).format(DAY);
        String billNo = "JK" + day + String.format("%06d", store.nextSequence(day));
        Bill bill = new Bill(billNo, reference, req.payerAccountId(), dept.id(), dept.regionCode(), req.itemId(),
                List.copyOf(lines), total, BillState.UNPAID, null, null, now, null, null, null);
        store.insert(bill);
        audit.record("bill.open", "bill:" + billNo, true, "reference=" + reference + " amountFen=" + total);
        events.publishEvent(NotificationRequested.inApp("bill.opened", List.of(bill.payerAccountId()),
                Map.of("billNo", billNo, "amount", bill.amountYuan()), "/portal/payments"));
        return store.find(billNo).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isSettled(String reference) {
        return !store.hasUnpaid(reference);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Bill> bills(String reference) {
        return store.byReference(reference);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Bill> bill(String billNo) {
        return store.find(billNo);
    }

    @Override
    @Transactional
    public Bill cancel(String billNo, String reason) {
        Bill b = store.findForUpdate(billNo).orElseThrow(() -> ProblemException.notFound("缴款单", billNo));
        if (b.state() == BillState.CANCELLED) {
            return b;
        }
        if (b.state() != BillState.UNPAID) {
            throw ProblemException.conflict("bill-not-unpaid", "只有待缴的缴款单可以撤销，当前状态：" + b.state().zh(),
                    "Only an unpaid bill can be cancelled; it is " + b.state().en());
        }
        store.close(billNo, BillState.CANCELLED, trim(reason), Instant.now());
        audit.record("bill.cancel", "bill:" + billNo, true, "reason=" + trim(reason));
        return store.find(billNo).orElseThrow();
    }

    // ------------------------------------------------------------------ officers (scoped)

    /** 撤销 by an officer holding {@code payment:manage} whose scope covers the bill. */
    @Transactional
    Bill cancelAsOfficer(String billNo, String reason) {
        visibleForManagement(billNo);
        requireReason(reason);
        return cancel(billNo, reason);
    }

    /** 退费 of a paid bill by an officer holding {@code payment:manage} whose scope covers the bill (recorded; money goes back through the channel's own refund). */
    @Transactional
    Bill refund(String billNo, String reason) {
        visibleForManagement(billNo);
        requireReason(reason);
        Bill b = store.findForUpdate(billNo).orElseThrow(() -> ProblemException.notFound("缴款单", billNo));
        if (b.state() != BillState.PAID) {
            throw ProblemException.conflict("bill-not-paid", "只有已缴的缴款单可以退费，当前状态：" + b.state().zh(),
                    "Only a paid bill can be refunded; it is " + b.state().en());
        }
        store.close(billNo, BillState.REFUNDED, trim(reason), Instant.now());
        audit.record("bill.refund", "bill:" + billNo, true, "reason=" + trim(reason));
        return store.find(billNo).orElseThrow();
    }

    /** Opens a bill through the API (officers with {@code payment:manage} for a department in their scope). */
    @Transactional
    Bill openAsOfficer(OpenBillRequest req) {
        Caller c = Callers.require(MANAGE);
        Department dept = req.departmentId() == null ? null : directory.department(req.departmentId()).orElse(null);
        if (dept != null && !c.scope().allows(dept.regionCode(), dept.id(), null)) {
            throw ProblemException.forbidden("无权为该部门开具缴款单", "You may not open bills for this department");
        }
        return openBill(req);
    }

    private void visibleForManagement(String billNo) {
        Caller c = Callers.require(MANAGE);
        Bill b = store.find(billNo).orElseThrow(() -> ProblemException.notFound("缴款单", billNo));
        if (!c.scope().allows(b.regionCode(), b.departmentId(), null)) {
            throw ProblemException.notFound("缴款单", billNo);
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalidField("reason", "必填", "required");
        }
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.length() > 500 ? t.substring(0, 500) : t;
    }

    /** A bill the current caller may see: the payer, or an officer whose scope covers it; 404 otherwise. */
    @Transactional(readOnly = true)
    Bill visible(String billNo) {
        Caller c = Callers.current();
        Bill b = store.find(billNo).orElseThrow(() -> ProblemException.notFound("缴款单", billNo));
        if (!c.scope().allows(b.regionCode(), b.departmentId(), b.payerAccountId())) {
            throw ProblemException.notFound("缴款单", billNo);
        }
        return b;
    }

    /** The bill, if the current caller is its payer (to pay it); 404 otherwise, 409 unless it is unpaid. */
    @Transactional(readOnly = true)
    Bill payable(String billNo) {
        Caller c = Callers.current();
        Bill b = store.find(billNo).orElseThrow(() -> ProblemException.notFound("缴款单", billNo));
        if (!b.payerAccountId().equals(c.accountId())) {
            throw ProblemException.notFound("缴款单", billNo);
        }
        if (b.state() != BillState.UNPAID) {
            throw ProblemException.conflict("bill-not-unpaid", "该缴款单不是待缴状态：" + b.state().zh(),
                    "The bill is not awaiting payment; it is " + b.state().en());
        }
        return b;
    }

    /** Bills in the caller's scope (payers: their own), optionally one state and one reference, newest first. */
    @Transactional(readOnly = true)
    List<Bill> list(String state, String reference, boolean mine, int limit) {
        Caller c = Callers.current();
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (mine) {
            where.add("payer_account_id = ?");
            params.add(c.accountId());
        } else {
            AccessScope.Predicate p = c.scope().where("region_code", "department_id", "payer_account_id");
            where.add(p.sql());
            params.addAll(p.params());
        }
        if (state != null && !state.isBlank()) {
            BillState s;
            try {
                s = BillState.valueOf(state.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("state", "应为 UNPAID、PAID、CANCELLED 或 REFUNDED",
                        "must be UNPAID, PAID, CANCELLED or REFUNDED");
            }
            where.add("state = ?");
            params.add(s.name());
        }
        if (reference != null && !reference.isBlank()) {
            where.add("reference = ?");
            params.add(reference.trim());
        }
        return store.where(String.join(" and ", where), params, Math.max(1, Math.min(limit, 500)));
    }

    // ------------------------------------------------------------------ settlement

    /**
     * Applies a verified notification. The bill row is locked first, so two identical notifications arriving together
     * settle once: the second finds the bill paid by the same transaction number and is a duplicate (200, nothing changes).
     * A notification for an unknown bill is 404, a different amount 422, a cancelled/refunded bill or a second payment
     * with another transaction number 409.
     */
    @Transactional
    Settlement settle(String gateway, PaymentGateway.Notification n) {
        Bill b = store.findForUpdate(n.billNo()).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "unknown-bill",
                "通知中的缴款单不存在：" + n.billNo(), "The notification names an unknown bill: " + n.billNo()));
        if (n.amountFen() != b.amountFen()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "amount-mismatch",
                    "通知金额 " + n.amountFen() + " 分与缴款单金额 " + b.amountFen() + " 分不符",
                    "The notified amount " + n.amountFen() + " fen differs from the bill's " + b.amountFen() + " fen",
                    List.of(new FieldViolation("amount", "与缴款单金额不符", "differs from the bill's amount")));
        }
        Instant now = Instant.now();
        if (b.state() == BillState.PAID) {
            if (n.tradeNo().equals(b.tradeNo()) && gateway.equals(b.gateway())) {
                store.recordNotification(gateway, n.notifyId(), b.billNo(), n.tradeNo(), n.amountFen(), "DUPLICATE", now);
                return new Settlement(b, true);
            }
            throw ProblemException.conflict("bill-already-paid", "缴款单已由另一笔交易缴纳，请为本次交易办理退款",
                    "The bill was already paid by another transaction; refund this one");
        }
        if (b.state() != BillState.UNPAID) {
            throw ProblemException.conflict("bill-not-payable", "缴款单已" + b.state().zh() + "，不能缴费",
                    "The bill is " + b.state().en().toLowerCase() + " and cannot be paid");
        }
        store.recordNotification(gateway, n.notifyId(), b.billNo(), n.tradeNo(), n.amountFen(), "SETTLED", now);
        store.markPaid(b.billNo(), gateway, n.tradeNo(), n.paidAt(), now);
        audit.record("bill.settle", "bill:" + b.billNo(), true, "gateway=" + gateway + " tradeNo=" + n.tradeNo()
                + " amountFen=" + n.amountFen());
        events.publishEvent(new BillSettled(b.reference(), b.billNo(), n.amountFen(), n.paidAt()));
        events.publishEvent(NotificationRequested.inApp("bill.settled", List.of(b.payerAccountId()),
                Map.of("billNo", b.billNo(), "amount", b.amountYuan(), "tradeNo", n.tradeNo()), "/portal/payments"));
        return new Settlement(store.find(b.billNo()).orElseThrow(), false);
    }
}
