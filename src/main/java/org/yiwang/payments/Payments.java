package org.yiwang.payments;

import java.util.List;
import java.util.Optional;

/**
 * Public API of 统一公共支付 for other modules (applications open a bill on 受理 and may not decide while one is unpaid).
 * These calls are not scoped by the current caller: the calling module applies its own rules.
 */
public interface Payments {

    /**
     * Opens a bill (缴款单) in state 待缴. Idempotent per reference: while the reference has an unpaid or paid bill,
     * that bill is returned and nothing new is opened (a new bill is opened only after the earlier ones were
     * cancelled or refunded). 400 (problem naming the field) for a blank reference or payer, no lines, a line
     * without a name or with an amount ≤ 0, or an unknown department.
     */
    Bill openBill(OpenBillRequest request);

    /**
     * True when nothing is owed for the reference: it has no bill in state 待缴. A reference without any bill
     * (a free item, 不收费) is settled.
     */
    boolean isSettled(String reference);

    /** Every bill of the reference, oldest first. */
    List<Bill> bills(String reference);

    /** The bill with this number. */
    Optional<Bill> bill(String billNo);

    /**
     * Withdraws an unpaid bill (撤销), e.g. when the application is refused or withdrawn. 409 unless it is 待缴;
     * cancelling a cancelled bill returns it unchanged.
     */
    Bill cancel(String billNo, String reason);
}
