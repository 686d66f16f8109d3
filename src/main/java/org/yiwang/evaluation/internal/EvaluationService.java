package org.yiwang.evaluation.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.evaluation.Evaluation;
import org.yiwang.evaluation.EvaluationLevel;
import org.yiwang.evaluation.EvaluationRated;
import org.yiwang.evaluation.EvaluationState;
import org.yiwang.evaluation.Evaluations;
import org.yiwang.evaluation.Indicator;
import org.yiwang.notification.NotificationRequested;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.services.ServiceCatalog;
import org.yiwang.services.ServiceItem;
import org.yiwang.shared.security.AccessScope;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * 好差评: enabling (on 办结), the rater's rating per indicator (GB/T 39734 five levels; 整体满意度 required), a 差评
 * opening a rectification task with 回访 and 整改 deadlines in working days ({@code yiwang.evaluation.visit-working-days},
 * default 1, {@code rectify-working-days}, default 15), the department's 回访 then 整改, and the one follow-up rating
 * (追评). Every step checks who acts (404 outside scope, 403 without the permission), the state (409), is audited and
 * publishes {@link EvaluationRated} for ratings.
 */
@Service
class EvaluationService implements Evaluations {

    static final String RECTIFY = "evaluation:rectify";

    private final EvaluationStore store;
    private final OrganizationDirectory directory;
    private final ServiceCatalog catalog;
    private final WorkingCalendar calendar;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final int visitDays;
    private final int rectifyDays;

    EvaluationService(EvaluationStore store, OrganizationDirectory directory, ServiceCatalog catalog, WorkingCalendar calendar,
                      AuditLog audit, ApplicationEventPublisher events,
                      @Value("${yiwang.evaluation.visit-working-days:1}") int visitDays,
                      @Value("${yiwang.evaluation.rectify-working-days:15}") int rectifyDays) {
        this.store = store;
        this.directory = directory;
        this.catalog = catalog;
        this.calendar = calendar;
        this.audit = audit;
        this.events = events;
        this.visitDays = visitDays;
        this.rectifyDays = rectifyDays;
    }

    int visitDays() {
        return visitDays;
    }

    int rectifyDays() {
        return rectifyDays;
    }

    // ------------------------------------------------------------------ public API

    @Override
    @Transactional
    public Evaluation enable(String subjectType, String subjectId, String itemCode, String departmentId, String raterAccountId,
                             String regionCode) {
        List<FieldViolation> bad = new ArrayList<>();
        blank(bad, "subjectType", subjectType, 32);
        blank(bad, "subjectId", subjectId, 64);
        blank(bad, "itemCode", itemCode, 64);
        blank(bad, "raterAccountId", raterAccountId, 64);
        Department dept = departmentId == null ? null : directory.department(departmentId).orElse(null);
        if (dept == null) {
            bad.add(new FieldViolation("departmentId", "未知的部门", "unknown department"));
        }
        String region = regionCode == null || regionCode.isBlank() ? (dept == null ? null : dept.regionCode()) : regionCode.trim();
        if (region != null && !region.matches("\\d{12}")) {
            bad.add(new FieldViolation("regionCode", "应为 12 位统计用区划代码", "must be a 12-digit region code"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        Optional<Evaluation> existing = store.bySubject(subjectType, subjectId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Evaluation e = new Evaluation(UUID.randomUUID().toString(), subjectType, subjectId, itemCode, dept.id(), region, raterAccountId,
                EvaluationState.OPEN, Map.of(), null, false, null, null, Instant.now(), null, null);
        if (store.insert(e)) {
            audit.record("evaluation.enable", "evaluation:" + e.id(), true, "subject=" + subjectType + ":" + subjectId);
        }
        return store.bySubject(subjectType, subjectId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Evaluation> find(String subjectType, String subjectId) {
        return store.bySubject(subjectType, subjectId);
    }

    private static void blank(List<FieldViolation> bad, String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            bad.add(new FieldViolation(field, "必填，不超过 " + max + " 字符", "required, at most " + max + " characters"));
        }
    }

    // ------------------------------------------------------------------ rater

    /** The evaluation if the caller may see it: its rater, or an officer whose scope covers it; 404 otherwise. */
    @Transactional(readOnly = true)
    Evaluation visible(String id) {
        Caller c = Callers.current();
        Evaluation e = store.find(id).orElseThrow(() -> ProblemException.notFound("评价", id));
        if (!c.scope().allows(e.regionCode(), e.departmentId(), e.raterAccountId())) {
            throw ProblemException.notFound("评价", id);
        }
        return e;
    }

    private Evaluation ownForUpdate(String id) {
        Caller c = Callers.current();
        Evaluation e = store.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("评价", id));
        if (!e.raterAccountId().equals(c.accountId())) {
            if (c.scope().allows(e.regionCode(), e.departmentId(), null)) {
                throw ProblemException.forbidden("只有申请人本人可以评价", "Only the applicant may rate");
            }
            throw ProblemException.notFound("评价", id);
        }
        return e;
    }

    /** Parses {@code {"OVERALL": 5 | "SATISFIED" | "满意", …}}; 400 naming each bad indicator. */
    static Map<Indicator, EvaluationLevel> parseRatings(Map<String, Object> raw) {
        Map<Indicator, EvaluationLevel> out = new EnumMap<>(Indicator.class);
        List<FieldViolation> bad = new ArrayList<>();
        if (raw != null) {
            for (Map.Entry<String, Object> en : raw.entrySet()) {
                Indicator ind;
                try {
                    ind = Indicator.valueOf(en.getKey().trim().toUpperCase());
                } catch (IllegalArgumentException ex) {
                    bad.add(new FieldViolation("ratings." + en.getKey(), "未知的评价指标", "unknown indicator"));
                    continue;
                }
                if (en.getValue() == null || en.getValue() instanceof String s && s.isBlank()) {
                    continue; // optional indicator left empty
                }
                EvaluationLevel level = level(en.getValue());
                if (level == null) {
                    bad.add(new FieldViolation("ratings." + ind.name(), "应为 1–5 或评价等级（非常满意…非常不满意）",
                            "must be 1–5 or a level (VERY_SATISFIED … VERY_DISSATISFIED)"));
                } else {
                    out.put(ind, level);
                }
            }
        }
        if (!out.containsKey(Indicator.OVERALL) && bad.stream().noneMatch(v -> v.field().equals("ratings.OVERALL"))) {
            bad.add(new FieldViolation("ratings.OVERALL", "整体满意度必填", "overall satisfaction is required"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        return out;
    }

    static EvaluationLevel level(Object v) {
        if (v instanceof Number n) {
            int s = n.intValue();
            return n.doubleValue() == s && s >= 1 && s <= 5 ? EvaluationLevel.ofScore(s) : null;
        }
        String s = String.valueOf(v).trim();
        if (s.matches("[1-5]")) {
            return EvaluationLevel.ofScore(Integer.parseInt(s));
        }
        for (EvaluationLevel l : EvaluationLevel.values()) {
            if (l.name().equalsIgnoreCase(s) || l.zh().equals(s)) {
                return l;
            }
        }
        return null;
    }

    /**
     * The rater's rating. A 差评 (any indicator 不满意 or 非常不满意) needs a comment and opens the rectification task
     * with 回访 due {@code visit-working-days} and 整改 due {@code rectify-working-days} working days after now.
     */
    @Transactional
    Evaluation rate(String id, Map<String, Object> rawRatings, String comment) {
        Map<Indicator, EvaluationLevel> ratings = parseRatings(rawRatings);
        boolean negative = ratings.values().stream().anyMatch(EvaluationLevel::negative);
        String text = comment == null ? null : comment.trim();
        if (text != null && text.length() > 1000) {
            throw ProblemException.invalidField("comment", "不超过 1000 字", "at most 1000 characters");
        }
        if (negative && (text == null || text.isEmpty())) {
            throw ProblemException.invalidField("comment", "差评请说明原因", "a negative rating needs a reason");
        }
        Evaluation e = ownForUpdate(id);
        if (e.state() != EvaluationState.OPEN) {
            throw ProblemException.conflict("already-rated", "已评价，不能重复评价", "Already rated; a case is rated once (then one follow-up after rectification)");
        }
        Instant now = Instant.now();
        store.rate(id, ratings, text == null || text.isEmpty() ? null : text, negative,
                negative ? EvaluationState.RECTIFYING : EvaluationState.RATED, now);
        if (negative) {
            store.openRectification(id, e.departmentId(), e.regionCode(), now, calendar.addWorkingDays(now, visitDays),
                    calendar.addWorkingDays(now, rectifyDays));
        }
        audit.record("evaluation.rate", "evaluation:" + id, true, "overall=" + ratings.get(Indicator.OVERALL) + " negative=" + negative);
        events.publishEvent(new EvaluationRated(id, e.subjectType(), e.subjectId(), e.itemCode(), e.departmentId(),
                ratings.get(Indicator.OVERALL), negative, false, now));
        return store.find(id).orElseThrow();
    }

    /** The one follow-up rating (追评), allowed after the department recorded 整改. */
    @Transactional
    Evaluation followUp(String id, Object rawLevel, String comment) {
        EvaluationLevel level = rawLevel == null ? null : level(rawLevel);
        if (level == null) {
            throw ProblemException.invalidField("level", "应为 1–5 或评价等级", "must be 1–5 or a level");
        }
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        if (text != null && text.length() > 1000) {
            throw ProblemException.invalidField("comment", "不超过 1000 字", "at most 1000 characters");
        }
        Evaluation e = ownForUpdate(id);
        if (e.state() != EvaluationState.FOLLOW_UP) {
            throw ProblemException.conflict("follow-up-not-open", e.state() == EvaluationState.CLOSED ? "已追评，只能追评一次"
                            : "整改完成后才能追评（当前：" + e.state().zh() + "）",
                    e.state() == EvaluationState.CLOSED ? "The follow-up rating was already given (once only)"
                            : "A follow-up rating is possible once the rectification is recorded (now: " + e.state().en() + ")");
        }
        Instant now = Instant.now();
        store.followUp(id, level, text, now);
        audit.record("evaluation.follow-up", "evaluation:" + id, true, "level=" + level);
        events.publishEvent(new EvaluationRated(id, e.subjectType(), e.subjectId(), e.itemCode(), e.departmentId(), level, false, true, now));
        return store.find(id).orElseThrow();
    }

    /** The rater's evaluations, newest first. */
    @Transactional(readOnly = true)
    List<Evaluation> mine(int limit) {
        Caller c = Callers.current();
        return store.where("e.rater_account_id = ?", List.of(c.accountId()), Math.max(1, Math.min(limit, 500)));
    }

    // ------------------------------------------------------------------ department (回访, 整改)

    private Evaluation forRectification(String id) {
        Caller c = Callers.current();
        Evaluation e = store.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("评价", id));
        if (c.type() != CallerType.OFFICER && c.type() != CallerType.ADMIN && c.type() != CallerType.SYSTEM
                || !c.scope().allows(e.regionCode(), e.departmentId(), null)) {
            throw ProblemException.notFound("评价", id);
        }
        if (!c.can(RECTIFY)) {
            throw ProblemException.forbidden("缺少权限：" + RECTIFY, "Missing permission: " + RECTIFY);
        }
        return e;
    }

    private static String note(String field, String note, int max) {
        if (note == null || note.isBlank() || note.trim().length() > max) {
            throw ProblemException.invalidField(field, "必填，不超过 " + max + " 字", "required, at most " + max + " characters");
        }
        return note.trim();
    }

    /** Records the 回访 (the department contacted the rater). 409 unless the task is open. */
    @Transactional
    EvaluationStore.Rectification visit(String id, String note) {
        String text = note("note", note, 1000);
        forRectification(id);
        EvaluationStore.Rectification r = store.rectification(id).orElseThrow(() -> ProblemException.conflict("no-rectification",
                "该评价没有整改任务", "This evaluation has no rectification task"));
        if (!"OPEN".equals(r.state())) {
            throw ProblemException.conflict("already-visited", "已回访", "The follow-up visit is already recorded");
        }
        Instant now = Instant.now();
        store.visit(id, Callers.current().accountId(), text, now, now.isAfter(r.visitDue()));
        audit.record("evaluation.visit", "evaluation:" + id, true, "late=" + now.isAfter(r.visitDue()));
        return store.rectification(id).orElseThrow();
    }

    /** Records the 整改 (what was put right); the rater may then rate once more. 409 before the 回访 or twice. */
    @Transactional
    EvaluationStore.Rectification rectify(String id, String note) {
        String text = note("note", note, 2000);
        Evaluation e = forRectification(id);
        EvaluationStore.Rectification r = store.rectification(id).orElseThrow(() -> ProblemException.conflict("no-rectification",
                "该评价没有整改任务", "This evaluation has no rectification task"));
        if ("OPEN".equals(r.state())) {
            throw ProblemException.conflict("visit-first", "请先记录回访", "Record the follow-up visit first");
        }
        if ("RECTIFIED".equals(r.state())) {
            throw ProblemException.conflict("already-rectified", "已整改", "The rectification is already recorded");
        }
        Instant now = Instant.now();
        store.rectify(id, Callers.current().accountId(), text, now, now.isAfter(r.rectifyDue()));
        store.setState(id, EvaluationState.FOLLOW_UP);
        audit.record("evaluation.rectify", "evaluation:" + id, true, "late=" + now.isAfter(r.rectifyDue()));
        events.publishEvent(NotificationRequested.inApp("evaluation.rectified", List.of(e.raterAccountId()),
                Map.of("itemName", itemName(e.itemCode()), "departmentName", departmentName(e.departmentId()),
                        "note", text.length() > 200 ? text.substring(0, 200) + "…" : text), "/portal/evaluations"));
        return store.rectification(id).orElseThrow();
    }

    /** Rectification tasks in the caller's scope; {@code state} OPEN/VISITED/RECTIFIED, {@code overdue} only flagged ones. */
    @Transactional(readOnly = true)
    List<EvaluationStore.Rectification> rectifications(String state, boolean overdueOnly, int limit) {
        Caller c = Callers.current();
        if (c.type() != CallerType.OFFICER && c.type() != CallerType.ADMIN && c.type() != CallerType.SYSTEM) {
            throw ProblemException.forbidden("仅工作人员可查看整改任务", "Only officers see rectification tasks");
        }
        AccessScope.Predicate p = c.scope().where("r.region_code", "r.department_id", null);
        List<String> where = new ArrayList<>(List.of(p.sql()));
        List<Object> params = new ArrayList<>(p.params());
        if (state != null && !state.isBlank()) {
            String s = state.trim().toUpperCase();
            if (!List.of("OPEN", "VISITED", "RECTIFIED").contains(s)) {
                throw ProblemException.invalidField("state", "应为 OPEN、VISITED 或 RECTIFIED", "must be OPEN, VISITED or RECTIFIED");
            }
            where.add("r.state = ?");
            params.add(s);
        }
        if (overdueOnly) {
            where.add("(r.visit_overdue or r.rectify_overdue or (r.visited_at is null and r.visit_due < ?) "
                    + "or (r.rectified_at is null and r.rectify_due < ?))");
            params.add(EvaluationStore.ts(Instant.now()));
            params.add(EvaluationStore.ts(Instant.now()));
        }
        return store.rectifications(String.join(" and ", where), params, Math.max(1, Math.min(limit, 500)));
    }

    @Transactional(readOnly = true)
    Optional<EvaluationStore.Rectification> rectificationOf(String id) {
        return store.rectification(id);
    }

    @Transactional(readOnly = true)
    Optional<Evaluation> byId(String id) {
        return store.find(id);
    }

    // ------------------------------------------------------------------ names

    String itemName(String itemCode) {
        return catalog.published(itemCode).map(ServiceItem::name).orElse(itemCode);
    }

    String departmentName(String departmentId) {
        return directory.department(departmentId).map(Department::name).orElse(departmentId);
    }

    static Map<String, Object> levelView(EvaluationLevel l) {
        if (l == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", l.name());
        m.put("score", l.score());
        m.put("label", l.zh());
        return m;
    }
}
