package org.yiwang.applications.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.shared.security.Callers;

/** REST API of applications (办件): submit, read, list, and the actions of the flow. */
@RestController
@RequestMapping("/api/v1/applications")
@Tag(name = "Applications 办件", description = "申请 → (补正) → 受理/不予受理 → 审查 → 决定 (准予/不予) → 办结 → 送达, 暂停/恢复")
class ApplicationApi {

    private final ApplicationService service;

    ApplicationApi(ApplicationService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Submit an application (citizen / enterprise); form checked against the item's JSON Schema; Idempotency-Key honoured")
    ResponseEntity<Map<String, Object>> submit(@RequestBody(required = false) ApplicationService.SubmitRequest body,
                                               @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        ApplicationService.Submitted s = service.submit(body, key);
        return ResponseEntity.status(s.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(view(s.application(), true));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One application (by id or 办件编号) with form, materials and history")
    Map<String, Object> get(@PathVariable String id) {
        return view(service.get(id), true);
    }

    @GetMapping
    @Operation(summary = "Applications: citizens and enterprises their own; officers those in their scope (window clerks: their region)")
    List<Map<String, Object>> list(@RequestParam(required = false) String state,
                                   @RequestParam(required = false, defaultValue = "false") boolean mine,
                                   @RequestParam(required = false, defaultValue = "false") boolean inbox,
                                   @RequestParam(required = false, defaultValue = "100") int limit) {
        List<ApplicationStore.Case> rows = inbox ? service.inbox(limit) : service.list(state, mine, limit);
        return rows.stream().map(a -> view(a, false)).toList();
    }

    @PostMapping("/{id}/actions/{action}")
    @Operation(summary = "Act on an application: accept, request-correction, refuse, supplement, claim, return, review, grant, deny, "
            + "deliver, suspend, resume (403 without the role, 409 in the wrong state)")
    Map<String, Object> act(@PathVariable String id, @PathVariable String action,
                            @RequestBody(required = false) ApplicationService.ActionRequest body) {
        return view(service.act(id, action, body), true);
    }

    Map<String, Object> view(ApplicationStore.Case a, boolean detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("applicationNo", a.applicationNo());
        m.put("itemId", a.itemId());
        m.put("itemCode", a.itemCode());
        m.put("itemVersion", a.itemVersion());
        m.put("itemName", a.itemName());
        m.put("departmentId", a.departmentId());
        m.put("regionCode", a.regionCode());
        m.put("applicantAccountId", a.applicantAccountId());
        m.put("applicantName", a.applicantName());
        m.put("state", a.state());
        m.put("stateLabel", a.state().zh());
        m.put("suspended", a.suspended());
        m.put("suspendReason", a.suspendReason());
        m.put("decision", a.decision());
        m.put("decisionReason", a.decisionReason());
        m.put("refuseReason", a.refuseReason());
        m.put("correctionNote", a.correctionNote());
        m.put("deemedAccepted", a.deemedAccepted());
        m.put("assignee", a.assigneeName());
        m.put("assigneeAccountId", a.assigneeAccountId());
        m.put("acceptedDepartment", a.acceptedDepartment());
        m.put("promisedDays", a.promisedDays());
        m.put("submittedAt", a.submittedAt());
        m.put("acceptanceDue", a.acceptanceDue());
        m.put("acceptedAt", a.acceptedAt());
        m.put("deadline", a.deadline());
        m.put("pausedSeconds", a.pausedSeconds());
        m.put("decidedAt", a.decidedAt());
        m.put("deliveredAt", a.deliveredAt());
        m.put("closedAt", a.closedAt());
        ApplicationService.Sla sla = service.sla(a, Instant.now());
        m.put("sla", sla.colour());
        m.put("slaUsed", Math.round(sla.used() * 100) / 100.0);
        m.put("yellowCardAt", a.yellowCardAt());
        m.put("redCardAt", a.redCardAt());
        m.put("processInstanceId", a.processInstanceId());
        m.put("actions", service.actions(Callers.current(), a));
        if (detail) {
            m.put("form", service.formFor(a));
            m.put("materials", service.materials(a.id()));
            m.put("history", service.history(a.id()));
        }
        return m;
    }
}
