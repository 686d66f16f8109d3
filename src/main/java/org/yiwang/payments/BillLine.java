package org.yiwang.payments;

import java.math.BigDecimal;
import java.util.List;

import org.yiwang.services.Fee;

/**
 * One line of a bill: a fee item (收费项目) with its amount in fen (分, 1 元 = 100 分) and the document that sets it.
 *
 * @param name        收费项目名称
 * @param amountFen   amount in fen, &gt; 0
 * @param basis       收费依据 (may be null)
 */
public record BillLine(String name, long amountFen, String basis) {

    /** The line of a catalog fee (the catalog keeps yuan; fractions of a fen are refused). */
    public static BillLine of(Fee fee) {
        BigDecimal fen = fee.amount().movePointRight(2);
        return new BillLine(fee.name(), fen.longValueExact(), fee.basis());
    }

    /** The lines of a catalog item's fees (收费项目), in order. */
    public static List<BillLine> of(List<Fee> fees) {
        return fees.stream().map(BillLine::of).toList();
    }
}
