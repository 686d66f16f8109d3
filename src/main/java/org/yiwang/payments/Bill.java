package org.yiwang.payments;

import java.time.Instant;
import java.util.List;

/**
 * A bill (缴款单).
 *
 * @param billNo         缴款单号: {@code JK} + yyyyMMdd + 6-digit daily sequence
 * @param reference      what it is for (e.g. an application id)
 * @param payerAccountId the paying account
 * @param departmentId   the collecting department (执收单位)
 * @param regionCode     the department's region (for data scope)
 * @param itemId         the catalog item version, or null
 * @param lines          fee lines
 * @param amountFen      total in fen
 * @param state          待缴 / 已缴 / 已撤销 / 已退
 * @param gateway        the gateway that settled it (e.g. {@code sim}), or null
 * @param tradeNo        the gateway's transaction number, or null
 * @param createdAt      when it was opened
 * @param paidAt         when the gateway says it was paid, or null
 * @param closedAt       when it was cancelled or refunded, or null
 * @param closeReason    why it was cancelled or refunded, or null
 */
public record Bill(String billNo, String reference, String payerAccountId, String departmentId, String regionCode, String itemId,
                   List<BillLine> lines, long amountFen, BillState state, String gateway, String tradeNo, Instant createdAt,
                   Instant paidAt, Instant closedAt, String closeReason) {

    /** The amount as yuan text, e.g. {@code 10.00}. */
    public String amountYuan() {
        return java.math.BigDecimal.valueOf(amountFen, 2).toPlainString();
    }
}
