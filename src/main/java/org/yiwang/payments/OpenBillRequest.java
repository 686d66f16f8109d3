package org.yiwang.payments;

import java.util.List;

import org.yiwang.services.ServiceItem;

/**
 * What {@link Payments#openBill} needs.
 *
 * @param reference      what the bill is for, e.g. an application (办件) id; one open bill per reference
 * @param payerAccountId the account that pays (it sees the bill under 我的缴费)
 * @param lines          the fee lines (at least one)
 * @param departmentId   the collecting department (执收单位), an organization department id
 * @param itemId         the catalog item version the fees come from (may be null)
 */
public record OpenBillRequest(String reference, String payerAccountId, List<BillLine> lines, String departmentId, String itemId) {

    public OpenBillRequest(String reference, String payerAccountId, List<BillLine> lines, String departmentId) {
        this(reference, payerAccountId, lines, departmentId, null);
    }

    /** A request for the fees of a catalog item, collected by the item's handling department. */
    public static OpenBillRequest forItem(String reference, String payerAccountId, ServiceItem item) {
        return new OpenBillRequest(reference, payerAccountId, BillLine.of(item.fees()), item.departmentId(), item.id());
    }
}
