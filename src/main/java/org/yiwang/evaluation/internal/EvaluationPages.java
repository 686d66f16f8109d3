package org.yiwang.evaluation.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.yiwang.evaluation.Evaluation;
import org.yiwang.evaluation.EvaluationLevel;
import org.yiwang.evaluation.Indicator;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Pages of 好差评: the rater's 我的评价 ({@code /portal/evaluations}: rate per indicator, 追评), the department's
 * rectification workbench ({@code /workbench/evaluations}: 回访 and 整改 with deadlines and overdue flags) and the public
 * statistics ({@code /evaluations}).
 */
@Controller
class EvaluationPages {

    /** An evaluation with names and its rectification task (may be null). */
    record Row(Evaluation evaluation, String itemName, String departmentName, EvaluationStore.Rectification task, boolean overdue) {
    }

    private final EvaluationService service;
    private final EvaluationStats stats;

    EvaluationPages(EvaluationService service, EvaluationStats stats) {
        this.service = service;
        this.stats = stats;
    }

    private Row row(Evaluation e, Instant now) {
        EvaluationStore.Rectification t = service.rectificationOf(e.id()).orElse(null);
        return new Row(e, service.itemName(e.itemCode()), service.departmentName(e.departmentId()), t, t != null && t.overdue(now));
    }

    private void common(Model model) {
        model.addAttribute("levels", EvaluationLevel.values());
        model.addAttribute("indicators", Indicator.values());
    }

    // ------------------------------------------------------------------ rater

    @GetMapping("/portal/evaluations")
    String mine(Model model) {
        Instant now = Instant.now();
        model.addAttribute("rows", service.mine(200).stream().map(e -> row(e, now)).toList());
        common(model);
        return "evaluation/mine";
    }

    @PostMapping("/portal/evaluations/{id}/rate")
    String rate(@PathVariable String id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Map<String, Object> ratings = new LinkedHashMap<>();
        for (Indicator i : Indicator.values()) {
            String v = form.get(i.name());
            if (v != null && !v.isBlank()) {
                ratings.put(i.name(), v);
            }
        }
        try {
            Evaluation e = service.rate(id, ratings, form.get("comment"));
            redirect.addFlashAttribute("done", e.negative() ? "negative" : "rated");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/portal/evaluations";
    }

    @PostMapping("/portal/evaluations/{id}/follow-up")
    String followUp(@PathVariable String id, @RequestParam(required = false) String level, @RequestParam(required = false) String comment,
                    RedirectAttributes redirect) {
        try {
            service.followUp(id, level == null || level.isBlank() ? null : level, comment);
            redirect.addFlashAttribute("done", "followUp");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/portal/evaluations";
    }

    // ------------------------------------------------------------------ department

    @GetMapping("/workbench/evaluations")
    String workbench(@RequestParam(required = false) String state, Model model) {
        Instant now = Instant.now();
        List<Row> rows = service.rectifications(state, false, 300).stream()
                .map(t -> service.byId(t.evaluationId()).map(e -> row(e, now)).orElse(null)).filter(r -> r != null).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("state", state);
        common(model);
        return "evaluation/workbench";
    }

    @PostMapping("/workbench/evaluations/{id}/{step:visit|rectify}")
    String step(@PathVariable String id, @PathVariable String step, @RequestParam(required = false) String note,
                RedirectAttributes redirect) {
        try {
            if (step.equals("visit")) {
                service.visit(id, note);
            } else {
                service.rectify(id, note);
            }
            redirect.addFlashAttribute("done", step);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/workbench/evaluations";
    }

    // ------------------------------------------------------------------ public

    @GetMapping("/evaluations")
    String publicStats(Model model) {
        model.addAttribute("byDepartment", stats.stats("department", null, null));
        model.addAttribute("byItem", stats.stats("item", null, null));
        return "evaluation/stats";
    }

    static String message(ProblemException e) {
        boolean en = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        StringBuilder b = new StringBuilder(en ? e.messageEn() : e.messageZh());
        for (FieldViolation v : e.violations()) {
            b.append(en ? "; " : "；").append(v.field()).append(en ? ": " : "：").append(en ? v.messageEn() : v.messageZh());
        }
        return b.toString();
    }
}
