package org.yiwang.evaluation.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.evaluation.Evaluation;
import org.yiwang.evaluation.EvaluationLevel;
import org.yiwang.evaluation.Indicator;
import org.yiwang.shared.web.ProblemException;

/** REST API of 好差评: the rater's ratings, the department's 回访/整改, and the public statistics. */
@RestController
@RequestMapping("/api/v1/evaluations")
@Tag(name = "Evaluation 好差评", description = "GB/T 39734 ratings per indicator, 差评 rectification (回访, 整改, 追评), public statistics")
class EvaluationApi {

    /** Body of a rating: indicator → level (1–5, level name or Chinese label); OVERALL required. */
    record RateBody(Map<String, Object> ratings, String comment) {
    }

    /** Body of the follow-up rating (追评). */
    record FollowUpBody(Object level, String comment) {
    }

    /** Body of 回访 and 整改. */
    record NoteBody(String note) {
    }

    private final EvaluationService service;
    private final EvaluationStats stats;
    private final WorkingCalendar calendar;

    EvaluationApi(EvaluationService service, EvaluationStats stats, WorkingCalendar calendar) {
        this.service = service;
        this.stats = stats;
        this.calendar = calendar;
    }

    @GetMapping
    @Operation(summary = "The caller's own evaluations (rater), newest first")
    List<Map<String, Object>> mine(@RequestParam(required = false, defaultValue = "100") int limit) {
        return service.mine(limit).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return view(service.visible(id));
    }

    @PostMapping("/{id}/rate")
    @Operation(summary = "Rate (rater only, once): a 差评 needs a comment and opens a rectification task")
    Map<String, Object> rate(@PathVariable String id, @RequestBody(required = false) RateBody body) {
        return view(service.rate(id, body == null ? null : body.ratings(), body == null ? null : body.comment()));
    }

    @PostMapping("/{id}/follow-up")
    @Operation(summary = "The one follow-up rating (追评) after the department recorded 整改")
    Map<String, Object> followUp(@PathVariable String id, @RequestBody(required = false) FollowUpBody body) {
        return view(service.followUp(id, body == null ? null : body.level(), body == null ? null : body.comment()));
    }

    @GetMapping("/rectifications")
    @Operation(summary = "Rectification tasks in the officer's scope; filters state (OPEN, VISITED, RECTIFIED), overdue")
    List<Map<String, Object>> rectifications(@RequestParam(required = false) String state,
                                             @RequestParam(required = false, defaultValue = "false") boolean overdue,
                                             @RequestParam(required = false, defaultValue = "100") int limit) {
        Instant now = Instant.now();
        return service.rectifications(state, overdue, limit).stream().map(r -> rectificationView(r, now)).toList();
    }

    @PostMapping("/{id}/visit")
    @Operation(summary = "Record the 回访 (evaluation:rectify, department in scope)")
    Map<String, Object> visit(@PathVariable String id, @RequestBody(required = false) NoteBody body) {
        return rectificationView(service.visit(id, body == null ? null : body.note()), Instant.now());
    }

    @PostMapping("/{id}/rectify")
    @Operation(summary = "Record the 整改 after the 回访 (evaluation:rectify); the rater may then rate once more")
    Map<String, Object> rectify(@PathVariable String id, @RequestBody(required = false) NoteBody body) {
        return rectificationView(service.rectify(id, body == null ? null : body.note()), Instant.now());
    }

    @GetMapping("/stats")
    @Operation(summary = "Public statistics per department (by=department) or item (by=item); optional from/to dates (yyyy-MM-dd)")
    Map<String, Object> stats(@RequestParam(required = false, defaultValue = "department") String by,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        if (!by.equals("department") && !by.equals("item")) {
            throw ProblemException.invalidField("by", "应为 department 或 item", "must be department or item");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("by", by);
        out.put("from", from);
        out.put("to", to);
        out.put("rows", stats.stats(by, day("from", from, false), day("to", to, true)).stream().map(EvaluationStats.Row::view).toList());
        return out;
    }

    private Instant day(String field, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value.trim());
            return (end ? d.plusDays(1) : d).atStartOfDay(calendar.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "应为日期 yyyy-MM-dd", "must be a date yyyy-MM-dd");
        }
    }

    Map<String, Object> view(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("subjectType", e.subjectType());
        m.put("subjectId", e.subjectId());
        m.put("itemCode", e.itemCode());
        m.put("itemName", service.itemName(e.itemCode()));
        m.put("departmentId", e.departmentId());
        m.put("departmentName", service.departmentName(e.departmentId()));
        m.put("regionCode", e.regionCode());
        m.put("state", e.state());
        m.put("stateLabel", e.state().zh());
        Map<String, Object> ratings = new LinkedHashMap<>();
        for (Indicator i : Indicator.values()) {
            EvaluationLevel l = e.ratings().get(i);
            if (l != null) {
                ratings.put(i.name(), EvaluationService.levelView(l));
            }
        }
        m.put("ratings", ratings);
        m.put("comment", e.comment());
        m.put("negative", e.negative());
        m.put("followUp", EvaluationService.levelView(e.followUp()));
        m.put("followUpComment", e.followUpComment());
        m.put("enabledAt", e.enabledAt());
        m.put("ratedAt", e.ratedAt());
        m.put("followUpAt", e.followUpAt());
        service.rectificationOf(e.id()).ifPresent(r -> m.put("rectification", rectificationView(r, Instant.now())));
        return m;
    }

    static Map<String, Object> rectificationView(EvaluationStore.Rectification r, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluationId", r.evaluationId());
        m.put("departmentId", r.departmentId());
        m.put("regionCode", r.regionCode());
        m.put("state", r.state());
        m.put("openedAt", r.openedAt());
        m.put("visitDue", r.visitDue());
        m.put("rectifyDue", r.rectifyDue());
        m.put("visitedAt", r.visitedAt());
        m.put("visitNote", r.visitNote());
        m.put("rectifiedAt", r.rectifiedAt());
        m.put("rectifyNote", r.rectifyNote());
        m.put("visitOverdue", r.visitOverdue() || (r.visitedAt() == null && now.isAfter(r.visitDue())));
        m.put("rectifyOverdue", r.rectifyOverdue() || (r.rectifiedAt() == null && now.isAfter(r.rectifyDue())));
        m.put("overdue", r.overdue(now));
        return m;
    }
}
