package org.yiwang.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.shared.security.Callers;

/** REST API of the audit trail: search ({@code audit:read}) and chain verification ({@code audit:verify}). */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit 行为监控", description = "Audit trail with an SM3 hash chain")
class AuditController {

    static final String VERIFY = "audit:verify";

    private final AuditTrail trail;
    private final AuditVerifier verifier;
    private final AuditLog audit;

    AuditController(AuditTrail trail, AuditVerifier verifier, AuditLog audit) {
        this.trail = trail;
        this.verifier = verifier;
        this.audit = audit;
    }

    @GetMapping("/verify")
    @Operation(summary = "Verify the audit hash chain (审计日志完整性校验)",
            description = "Walks the chain in sequence order and reports the first broken link. Requires audit:verify.")
    AuditVerifier.Result verify() {
        Callers.require(VERIFY);
        AuditVerifier.Result result = verifier.verify();
        audit.record("audit.verify", "audit-chain", result.ok(), describe(result));
        return result;
    }

    @GetMapping("/entries")
    @Operation(summary = "Search audit entries, newest first (审计查询)", description = "Requires audit:read.")
    AuditTrail.Page entries(
            @Parameter(description = "account id or actor name (exact)") @RequestParam(required = false) String actor,
            @Parameter(description = "action, exact or prefix ending in * (e.g. account.*)") @RequestParam(required = false) String action,
            @Parameter(description = "target, exact or prefix ending in * (e.g. person:*)") @RequestParam(required = false) String target,
            @Parameter(description = "from (inclusive): 2026-03-01, 2026-03-01T08:30 (Asia/Shanghai) or ISO-8601 with offset")
            @RequestParam(required = false) String from,
            @Parameter(description = "to (exclusive; a bare date includes that whole day)") @RequestParam(required = false) String to,
            @Parameter(description = "page number from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "page size 1-200") @RequestParam(defaultValue = "50") int size) {
        Callers.require(AuditTrail.READ);
        AuditTrail.Filter filter = AuditTrail.Filter.parse(actor, action, target, from, to);
        AuditTrail.Page result = trail.search(filter, page, size);
        audit.record("audit.query", "audit-chain", true, describe(filter));
        return result;
    }

    static String describe(AuditVerifier.Result r) {
        if (r.ok()) {
            return "intact; entriesChecked=" + r.entriesChecked();
        }
        return "broken at " + r.firstBroken().sequence() + " (" + r.firstBroken().reason() + "); entriesChecked=" + r.entriesChecked();
    }

    static String describe(AuditTrail.Filter f) {
        return "actor=" + f.actor() + "; action=" + f.action() + "; target=" + f.target() + "; from=" + f.from() + "; to=" + f.to();
    }
}
