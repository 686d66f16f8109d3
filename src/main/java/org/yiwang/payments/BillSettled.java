package org.yiwang.payments;

import java.time.Instant;

/**
 * Published in the transaction that settles a bill (the gateway's verified notification), exactly once per bill.
 *
 * @param reference what the bill was for (e.g. an application id)
 * @param billNo    the bill
 * @param amount    the amount paid, in fen
 * @param at        when the gateway says it was paid
 */
public record BillSettled(String reference, String billNo, long amount, Instant at) {
}
