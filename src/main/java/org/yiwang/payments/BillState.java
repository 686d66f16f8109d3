package org.yiwang.payments;

/** State of a bill (缴款单状态). */
public enum BillState {
    /** 待缴: opened, awaiting payment. */
    UNPAID("待缴", "Unpaid"),
    /** 已缴: the gateway confirmed the payment (settled). */
    PAID("已缴", "Paid"),
    /** 已撤销: withdrawn before payment; never payable again. */
    CANCELLED("已撤销", "Cancelled"),
    /** 已退: paid, then refunded. */
    REFUNDED("已退", "Refunded");

    private final String zh;
    private final String en;

    BillState(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
