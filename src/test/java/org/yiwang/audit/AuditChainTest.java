package org.yiwang.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.crypto.CryptoProvider;
import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.shared.web.ProblemException;
import org.yiwang.support.AsCaller;
import org.yiwang.support.IntegrationTest;

/**
 * The audit hash chain: appends verify, tampering is found at exactly the right place, concurrent writers
 * keep the chain whole. Tamper tests put the row back exactly as it was (the database is shared by the suite).
 */
class AuditChainTest extends IntegrationTest {

    private final AuditLog audit;
    private final AuditVerifier verifier;
    private final AuditTrail trail;
    private final PersonalDataVault vault;
    private final TransactionTemplate tx;
    private final CryptoProvider crypto;

    @Autowired
    AuditChainTest(AuditLog audit, AuditVerifier verifier, AuditTrail trail, PersonalDataVault vault, TransactionTemplate tx,
                   CryptoProvider crypto) {
        this.crypto = crypto;
        this.audit = audit;
        this.verifier = verifier;
        this.trail = trail;
        this.vault = vault;
        this.tx = tx;
    }

    @Test
    void appendedEntriesVerify() {
        audit.record("test.chain", "thing:a", true, "one");
        audit.record("test.chain", "thing:b", false, "two 二");
        tx.executeWithoutResult(s -> {
            audit.record("test.chain", "thing:c", true, "three in a transaction");
            audit.recordAs("acc-1", "王*国", "test.chain", "thing:d", true, null);
        });
        AuditVerifier.Result r = verifier.verify();
        assertThat(r.ok()).as("chain intact: %s", r).isTrue();
        assertThat(r.firstBroken()).isNull();
        assertThat(r.entriesChecked()).isEqualTo(lastSeq());
        assertThat(r.entriesChecked()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void editingOneDetailIsDetectedAtExactlyThatEntry() {
        audit.record("test.tamper", "thing:before", true, "before");
        audit.record("test.tamper", "thing:victim", true, "original detail");
        audit.record("test.tamper", "thing:after", true, "after");
        long victim = seqOf("thing:victim");
        String original = jdbc.queryForObject("select detail from audit_entry where seq = ?", String.class, victim);
        try {
            jdbc.update("update audit_entry set detail = ? where seq = ?", "forged detail", victim);
            AuditVerifier.Result r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBroken().sequence()).isEqualTo(victim);
            assertThat(r.firstBroken().reason()).isEqualTo(AuditVerifier.CONTENT_CHANGED);
            assertThat(r.firstBroken().stored()).isEqualTo(jdbc.queryForObject("select hash from audit_entry where seq = ?", String.class, victim));
            assertThat(r.firstBroken().expected()).isNotEqualTo(r.firstBroken().stored()).hasSize(64);
            assertThat(r.entriesChecked()).isEqualTo(victim - 1);
        } finally {
            jdbc.update("update audit_entry set detail = ? where seq = ?", original, victim);
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void rehashedEntryIsABrokenLink() {
        audit.record("test.relink", "thing:relinked", true, "x");
        audit.record("test.relink", "thing:next", true, "y");
        long victim = seqOf("thing:relinked");
        Map<String, Object> row = jdbc.queryForMap("select * from audit_entry where seq = ?", victim);
        try {
            // a forger who edits an entry and recomputes its own hash still breaks the link to the next entry
            AuditEntry e = entry(victim);
            String forgedHash = AuditHashing.hash(crypto, e.seq(), e.occurredAt(), e.actorId(), e.actorName(), e.action(),
                    e.target(), e.success(), "forged", e.clientIp(), e.userAgent(), e.prevHash());
            jdbc.update("update audit_entry set detail = 'forged', hash = ? where seq = ?", forgedHash, victim);
            AuditVerifier.Result r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBroken().sequence()).isEqualTo(victim + 1);
            assertThat(r.firstBroken().reason()).isEqualTo(AuditVerifier.LINK_BROKEN);
            assertThat(r.firstBroken().stored()).isEqualTo(row.get("hash"));
            assertThat(r.firstBroken().expected()).isEqualTo(forgedHash);
        } finally {
            jdbc.update("update audit_entry set detail = ?, hash = ? where seq = ?", row.get("detail"), row.get("hash"), victim);
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void deletingAnEntryIsAGapAndDeletingTheLastIsTruncation() {
        audit.record("test.delete", "thing:d1", true, "1");
        audit.record("test.delete", "thing:d2", true, "2");
        audit.record("test.delete", "thing:d3", true, "3");
        long middle = seqOf("thing:d2");
        AuditEntry row = entry(middle);
        try {
            jdbc.update("delete from audit_entry where seq = ?", middle);
            AuditVerifier.Result r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBroken().sequence()).isEqualTo(middle);
            assertThat(r.firstBroken().reason()).isEqualTo(AuditVerifier.GAP);
        } finally {
            reinsert(row);
        }
        assertThat(verifier.verify().ok()).isTrue();

        long last = lastSeq();
        AuditEntry lastRow = entry(last);
        try {
            jdbc.update("delete from audit_entry where seq = ?", last);
            AuditVerifier.Result r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBroken().sequence()).isEqualTo(last);
            assertThat(r.firstBroken().reason()).isEqualTo(AuditVerifier.TRUNCATED);
        } finally {
            reinsert(lastRow);
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void concurrentWritersKeepOneUnbrokenChain() throws Exception {
        int threads = 6;
        int perThread = 20;
        long before = lastSeq();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i += 2) {
                        int n = i;
                        if (thread % 2 == 0) {
                            // two entries in one caller transaction
                            tx.executeWithoutResult(s -> {
                                audit.record("test.concurrent", "t" + thread + ":" + n, true, null);
                                audit.record("test.concurrent", "t" + thread + ":" + (n + 1), true, null);
                            });
                        } else {
                            audit.record("test.concurrent", "t" + thread + ":" + n, true, null);
                            audit.recordDetached(null, null, "test.concurrent", "t" + thread + ":" + (n + 1), true, null);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'test.concurrent' and seq > ?",
                Long.class, before)).isEqualTo(threads * perThread);
        assertThat(jdbc.queryForObject("select count(distinct target) from audit_entry where action = 'test.concurrent' and seq > ?",
                Long.class, before)).isEqualTo(threads * perThread);
        AuditVerifier.Result r = verifier.verify();
        assertThat(r.ok()).as("chain intact after concurrent appends: %s", r).isTrue();
        assertThat(r.entriesChecked()).isEqualTo(lastSeq());
    }

    @Test
    void personalDataReadsAreRecordedInTheReadersTransaction() {
        String cipher = vault.protect(PersonalDataKind.PHONE, "13800000001").cipherText();
        tx.executeWithoutResult(s -> assertThat(vault.reveal(PersonalDataKind.PHONE, cipher, "person:audit-test-1", "registry-view"))
                .isEqualTo("13800000001"));
        Map<String, Object> e = jdbc.queryForMap("select * from audit_entry where target = 'person:audit-test-1'");
        assertThat(e.get("action")).isEqualTo(PersonalDataReadAuditor.ACTION);
        assertThat((String) e.get("detail")).contains("PHONE").contains("registry-view");
        assertThat(e.get("actor_id")).isEqualTo("anonymous");

        // as a signed-in caller, outside a transaction
        AsCaller.run(AsCaller.auditor(), () -> vault.reveal(PersonalDataKind.PHONE, cipher, "person:audit-test-2", "real-name-check"));
        assertThat(jdbc.queryForObject("select actor_id from audit_entry where target = 'person:audit-test-2'", String.class))
                .isEqualTo("test-auditor");

        // a reading transaction that rolls back leaves no entry
        try {
            tx.executeWithoutResult(s -> {
                vault.reveal(PersonalDataKind.PHONE, cipher, "person:audit-test-3", "registry-view");
                throw new IllegalStateException("reader failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where target = 'person:audit-test-3'", Long.class)).isZero();

        // a read-only transaction still records the read (in a transaction of its own)
        TransactionTemplate readOnly = new TransactionTemplate(tx.getTransactionManager());
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(s -> vault.reveal(PersonalDataKind.PHONE, cipher, "person:audit-test-4", "registry-view"));
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where target = 'person:audit-test-4'", Long.class)).isEqualTo(1);
    }

    @Test
    void searchFiltersAndRequiresAuditRead() {
        audit.recordAs("search-actor", "检索人", "test.search.alpha", "doc:1", true, "a");
        audit.recordAs("search-actor", "检索人", "test.search.beta", "doc:2", false, "b");
        audit.recordAs("other-actor", "其他人", "test.search.alpha", "doc:3", true, "c");
        AuditTrail.Page byActor = AsCaller.call(AsCaller.auditor(AuditTrail.READ),
                () -> trail.search(AuditTrail.Filter.parse("search-actor", "test.search.*", null, null, null), 0, 50));
        assertThat(byActor.total()).isEqualTo(2);
        assertThat(byActor.entries()).extracting(AuditEntry::target).containsExactly("doc:2", "doc:1");
        AuditTrail.Page exact = AsCaller.call(AsCaller.auditor(AuditTrail.READ),
                () -> trail.search(AuditTrail.Filter.parse(null, "test.search.alpha", "doc:*", "2000-01-01", null), 0, 1));
        assertThat(exact.total()).isEqualTo(2);
        assertThat(exact.entries()).hasSize(1).extracting(AuditEntry::target).containsExactly("doc:3");
        AuditTrail.Page none = AsCaller.call(AsCaller.auditor(AuditTrail.READ),
                () -> trail.search(AuditTrail.Filter.parse(null, "test.search.*", null, null, "2000-01-01"), 0, 50));
        assertThat(none.total()).isZero();
        // a literal % in a prefix is not a wildcard
        AuditTrail.Page literal = AsCaller.call(AsCaller.auditor(AuditTrail.READ),
                () -> trail.search(AuditTrail.Filter.parse(null, "test.%*", null, null, null), 0, 50));
        assertThat(literal.total()).isZero();

        assertThatThrownBy(() -> AsCaller.call(AsCaller.auditor("audit:verify"),
                () -> trail.search(AuditTrail.Filter.NONE, 0, 50)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> AuditTrail.Filter.parse(null, null, null, "yesterday", "2026-13-01"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("from", "to"));
    }

    @Test
    void verifyCommandPrintsAndReturnsTheExitStatus() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(AuditVerifyCommand.report(verifier, new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK");

        audit.record("test.command", "thing:cmd", true, "cmd");
        long victim = seqOf("thing:cmd");
        try {
            jdbc.update("update audit_entry set success = false where seq = ?", victim);
            ByteArrayOutputStream broken = new ByteArrayOutputStream();
            assertThat(AuditVerifyCommand.report(verifier, new PrintStream(broken, true, StandardCharsets.UTF_8)))
                    .isEqualTo(AuditVerifyCommand.BROKEN_EXIT_CODE);
            assertThat(broken.toString(StandardCharsets.UTF_8)).contains("BROKEN at entry " + victim).contains("content-changed");
        } finally {
            jdbc.update("update audit_entry set success = true where seq = ?", victim);
        }
    }

    private AuditEntry entry(long seq) {
        return jdbc.queryForObject("select * from audit_entry where seq = ?", (rs, i) -> AuditVerifier.map(rs), seq);
    }

    private long seqOf(String target) {
        return jdbc.queryForObject("select max(seq) from audit_entry where target = ?", Long.class, target);
    }

    private long lastSeq() {
        return jdbc.queryForObject("select last_seq from audit_chain_head where id = 1", Long.class);
    }

    private void reinsert(AuditEntry e) {
        jdbc.update("""
                insert into audit_entry (seq, occurred_at, actor_id, actor_name, action, target, success, detail, client_ip,
                                         user_agent, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                e.seq(), OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC), e.actorId(), e.actorName(), e.action(),
                e.target(), e.success(), e.detail(), e.clientIp(), e.userAgent(), e.prevHash(), e.hash());
    }
}
