package org.yiwang.payments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.yiwang.payments.Bill;
import org.yiwang.payments.BillLine;
import org.yiwang.payments.BillState;

/** SQL of {@code pay_bill}, its lines, the daily sequence, the reference locks and the notifications. */
@Repository
class BillStore {

    private final JdbcClient jdbc;

    BillStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private Bill bill(ResultSet rs) throws SQLException {
        String no = rs.getString("bill_no");
        return new Bill(no, rs.getString("reference"), rs.getString("payer_account_id"), rs.getString("department_id"),
                rs.getString("region_code"), rs.getString("item_id"), List.of(), rs.getLong("amount_fen"),
                BillState.valueOf(rs.getString("state")), rs.getString("gateway"), rs.getString("trade_no"), instant(rs, "created_at"),
                instant(rs, "paid_at"), instant(rs, "closed_at"), rs.getString("close_reason"));
    }

    private Bill withLines(Bill b) {
        List<BillLine> lines = jdbc.sql("select name, amount_fen, basis from pay_bill_line where bill_no = ? order by line_no")
                .param(b.billNo()).query((rs, i) -> new BillLine(rs.getString(1), rs.getLong(2), rs.getString(3))).list();
        return new Bill(b.billNo(), b.reference(), b.payerAccountId(), b.departmentId(), b.regionCode(), b.itemId(), lines,
                b.amountFen(), b.state(), b.gateway(), b.tradeNo(), b.createdAt(), b.paidAt(), b.closedAt(), b.closeReason());
    }

    Optional<Bill> find(String billNo) {
        return jdbc.sql("select * from pay_bill where bill_no = ?").param(billNo).query((rs, i) -> bill(rs)).optional().map(this::withLines);
    }

    /** Same, locking the row until commit (settlement and state changes run one at a time per bill). */
    Optional<Bill> findForUpdate(String billNo) {
        return jdbc.sql("select * from pay_bill where bill_no = ? for update").param(billNo).query((rs, i) -> bill(rs)).optional()
                .map(this::withLines);
    }

    List<Bill> byReference(String reference) {
        return jdbc.sql("select * from pay_bill where reference = ? order by created_at, bill_no").param(reference)
                .query((rs, i) -> bill(rs)).list().stream().map(this::withLines).toList();
    }

    /** Bills matching a where clause (without {@code where}) with positional parameters, newest first. */
    List<Bill> where(String where, List<Object> params, int limit) {
        var spec = jdbc.sql("select * from pay_bill where " + where + " order by created_at desc, bill_no desc limit " + limit);
        for (int i = 0; i < params.size(); i++) {
            spec = spec.param(i + 1, params.get(i));
        }
        return spec.query((rs, i) -> bill(rs)).list().stream().map(this::withLines).toList();
    }

    boolean hasUnpaid(String reference) {
        return jdbc.sql("select count(*) from pay_bill where reference = ? and state = 'UNPAID'").param(reference)
                .query(Integer.class).single() > 0;
    }

    /** Locks the reference for the rest of the transaction (creating its row on first use). */
    void lockReference(String reference) {
        jdbc.sql("insert into pay_reference (reference) values (?) on conflict do nothing").param(reference).update();
        jdbc.sql("select reference from pay_reference where reference = ? for update").param(reference).query(String.class).single();
    }

    /** The next number of the day {@code yyyyMMdd}; the sequence row stays locked until commit. */
    int nextSequence(String day) {
        jdbc.sql("insert into pay_bill_seq (seq_day, last_value) values (?, 0) on conflict do nothing").param(day).update();
        jdbc.sql("update pay_bill_seq set last_value = last_value + 1 where seq_day = ?").param(day).update();
        return jdbc.sql("select last_value from pay_bill_seq where seq_day = ?").param(day).query(Integer.class).single();
    }

    void insert(Bill b) {
        jdbc.sql("""
                insert into pay_bill (bill_no, reference, payer_account_id, department_id, region_code, item_id, amount_fen, state,
                                      created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(b.billNo(), b.reference(), b.payerAccountId(), b.departmentId(), b.regionCode(), b.itemId(), b.amountFen(),
                        b.state().name(), ts(b.createdAt()), ts(b.createdAt())).update();
        int n = 1;
        for (BillLine l : b.lines()) {
            jdbc.sql("insert into pay_bill_line (bill_no, line_no, name, amount_fen, basis) values (?, ?, ?, ?, ?)")
                    .params(b.billNo(), n++, l.name(), l.amountFen(), l.basis()).update();
        }
    }

    void markPaid(String billNo, String gateway, String tradeNo, Instant paidAt, Instant now) {
        jdbc.sql("update pay_bill set state = 'PAID', gateway = ?, trade_no = ?, paid_at = ?, updated_at = ? where bill_no = ?")
                .params(gateway, tradeNo, ts(paidAt), ts(now), billNo).update();
    }

    void close(String billNo, BillState state, String reason, Instant now) {
        jdbc.sql("update pay_bill set state = ?, close_reason = ?, closed_at = ?, updated_at = ? where bill_no = ?")
                .params(state.name(), reason, ts(now), ts(now), billNo).update();
    }

    /** Records a verified notification; false when this gateway already sent one with this id. */
    boolean recordNotification(String gateway, String notifyId, String billNo, String tradeNo, long amountFen, String outcome, Instant now) {
        return jdbc.sql("""
                insert into pay_notification (gateway, notify_id, bill_no, trade_no, amount_fen, outcome, received_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(gateway, notifyId, billNo, tradeNo, amountFen, outcome, ts(now)).update() == 1;
    }

    JdbcClient jdbc() {
        return jdbc;
    }
}
