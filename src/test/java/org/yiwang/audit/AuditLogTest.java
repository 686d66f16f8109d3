package org.yiwang.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.support.IntegrationTest;

class AuditLogTest extends IntegrationTest {

    private final AuditLog audit;
    private final TransactionTemplate tx;

    @Autowired
    AuditLogTest(AuditLog audit, TransactionTemplate tx) {
        this.audit = audit;
        this.tx = tx;
    }

    @Test
    void appendsLinkedEntries() {
        long before = lastSeq();
        audit.record("test.first", "thing:1", true, "first");
        audit.recordAs("acc-7", "测试员", "test.second", "thing:2", false, "second");
        List<Map<String, Object>> rows = jdbc.queryForList("select * from audit_entry where seq > ? order by seq", before);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("actor_id")).isEqualTo("anonymous");
        assertThat(rows.get(1).get("actor_id")).isEqualTo("acc-7");
        assertThat(rows.get(1).get("prev_hash")).isEqualTo(rows.get(0).get("hash"));
        assertThat(lastSeq()).isEqualTo(before + 2);
    }

    @Test
    void rolledBackTransactionLeavesNoEntry() {
        long before = lastSeq();
        try {
            tx.executeWithoutResult(status -> {
                audit.record("test.rolled-back", "thing:3", true, null);
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the caller's work failed
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'test.rolled-back'", Long.class)).isZero();
        tx.executeWithoutResult(status -> audit.record("test.committed", "thing:4", true, null));
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'test.committed' and seq > ?", Long.class, before)).isEqualTo(1);
    }

    @Test
    void entriesRecordedAfterCommitAreNotLost() {
        tx.executeWithoutResult(status -> {
            audit.record("test.in-tx", "thing:5", true, null);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // e.g. a @TransactionalEventListener(AFTER_COMMIT) that audits what it did
                    audit.record("test.after-commit", "thing:5", true, null);
                }
            });
        });
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'test.after-commit'", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'test.in-tx'", Long.class)).isEqualTo(1);
    }

    private long lastSeq() {
        return jdbc.queryForObject("select last_seq from audit_chain_head where id = 1", Long.class);
    }
}
