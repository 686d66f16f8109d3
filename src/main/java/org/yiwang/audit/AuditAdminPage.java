package org.yiwang.audit;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/** The admin page {@code /admin/audit}: recent entries with filters ({@code audit:read}) and a "verify chain" button ({@code audit:verify}, htmx). */
@Controller
class AuditAdminPage {

    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(AuditTrail.ZONE);

    private final AuditTrail trail;
    private final AuditVerifier verifier;
    private final AuditLog audit;

    AuditAdminPage(AuditTrail trail, AuditVerifier verifier, AuditLog audit) {
        this.trail = trail;
        this.verifier = verifier;
        this.audit = audit;
    }

    /** One table row. */
    record Row(AuditEntry entry, String time) {
    }

    @GetMapping("/admin/audit")
    String page(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
                @RequestParam(defaultValue = "") String target, @RequestParam(defaultValue = "") String from,
                @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "0") int page, Model model) {
        Caller caller = permitted(AuditTrail.READ);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("target", target);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("canVerify", caller.can(AuditController.VERIFY));
        try {
            AuditTrail.Filter filter = AuditTrail.Filter.parse(actor, action, target, from, to);
            AuditTrail.Page result = trail.search(filter, Math.max(page, 0), PAGE_SIZE);
            audit.record("audit.query", "audit-chain", true, AuditController.describe(filter));
            model.addAttribute("rows", result.entries().stream().map(e -> new Row(e, TIME.format(e.occurredAt()))).toList());
            model.addAttribute("page", result.page());
            model.addAttribute("total", result.total());
            model.addAttribute("hasNext", (long) (result.page() + 1) * PAGE_SIZE < result.total());
            model.addAttribute("errors", List.of());
        } catch (ProblemException e) {
            model.addAttribute("rows", List.of());
            model.addAttribute("page", 0);
            model.addAttribute("total", 0L);
            model.addAttribute("hasNext", false);
            model.addAttribute("errors", e.violations().stream().map(FieldViolation::field).toList());
        }
        return "audit/admin";
    }

    /** htmx: verifies the chain and returns the result fragment. */
    @GetMapping("/admin/audit/verify")
    String verify(Model model) {
        permitted(AuditController.VERIFY);
        AuditVerifier.Result result = verifier.verify();
        audit.record("audit.verify", "audit-chain", result.ok(), AuditController.describe(result));
        model.addAttribute("result", result);
        return "audit/admin :: verifyResult";
    }

    private static Caller permitted(String permission) {
        // not signed in: let Spring Security send the visitor to the sign-in page
        Caller caller = Callers.find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Sign-in required"));
        if (!caller.can(permission)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return caller;
    }
}
