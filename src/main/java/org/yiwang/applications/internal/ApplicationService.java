package org.yiwang.applications.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.flowable.task.api.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.applications.ApplicationChanged;
import org.yiwang.applications.ApplicationState;
import org.yiwang.audit.AuditLog;
import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.crypto.CryptoProvider;
import org.yiwang.evaluation.Evaluations;
import org.yiwang.files.FileService;
import org.yiwang.files.StoredFile;
import org.yiwang.notification.NotificationRequested;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.payments.Bill;
import org.yiwang.payments.OpenBillRequest;
import org.yiwang.payments.Payments;
import org.yiwang.services.ItemStatus;
import org.yiwang.services.Material;
import org.yiwang.services.ServiceCatalog;
import org.yiwang.services.ServiceItem;
import org.yiwang.shared.idempotency.IdempotencyService;
import org.yiwang.shared.security.AccessScope;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

import static org.yiwang.applications.ApplicationState.ACCEPTED;
import static org.yiwang.applications.ApplicationState.CONCLUDED;
import static org.yiwang.applications.ApplicationState.CORRECTION;
import static org.yiwang.applications.ApplicationState.DECISION;
import static org.yiwang.applications.ApplicationState.DELIVERED;
import static org.yiwang.applications.ApplicationState.NOT_ACCEPTED;
import static org.yiwang.applications.ApplicationState.REVIEW;
import static org.yiwang.applications.ApplicationState.SUBMITTED;

/**
 * Applications (办件): submission (numbering, form and material checks, Idempotency-Key), scoped reads and the
 * actions of the flow. Every change checks visibility (404), the role (403) and the state (409), moves the case's
 * Flowable process, appends to {@code app_case_history}, is audited, notifies the applicant
 * ({@code case.status-changed}) and publishes {@link ApplicationChanged} — all in one transaction.
 */
@Service
public class ApplicationService {

    public static final String CLERK = "CLERK";
    public static final String REVIEWER = "REVIEWER";
    public static final String DECIDER = "DECIDER";

    static final List<String> ACTIONS = List.of("accept", "request-correction", "refuse", "supplement", "claim", "return", "review",
            "grant", "deny", "deliver", "suspend", "resume");
    static final Set<String> MATERIAL_TYPES = Set.of("application/pdf", "image/jpeg", "image/png", "application/ofd");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final byte[] FORM_AAD = "yiwang-app:form".getBytes(StandardCharsets.UTF_8);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A material handed in: a file uploaded through {@code /api/v1/files} and the material it stands for. */
    public record MaterialInput(String fileId, String name) {
    }

    /** Body of {@code POST /api/v1/applications}. */
    public record SubmitRequest(String itemId, Map<String, Object> form, List<MaterialInput> materials) {
    }

    /** Body of an action; each action reads what it needs. */
    public record ActionRequest(String comment, String reason, List<String> documents, Map<String, Object> form,
                                List<MaterialInput> materials) {
        static ActionRequest empty() {
            return new ActionRequest(null, null, null, null, null);
        }
    }

    /** SLA colour of a case (时限预警): GREEN, YELLOW, RED or NONE (clock not running). */
    public record Sla(String colour, Instant due, double used) {
    }

    private final ApplicationStore store;
    private final ApplicationFlow flow;
    private final ServiceCatalog catalog;
    private final OrganizationDirectory directory;
    private final WorkingCalendar calendar;
    private final FileService files;
    private final CryptoProvider crypto;
    private final IdempotencyService idempotency;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Payments payments;
    private final Evaluations evaluations;
    private final int correctionDays;
    private final double yellowFraction;
    private final double redFraction;
    private final long materialMaxBytes;

    ApplicationService(ApplicationStore store, ApplicationFlow flow, ServiceCatalog catalog, OrganizationDirectory directory,
                       WorkingCalendar calendar, FileService files, CryptoProvider crypto, IdempotencyService idempotency,
                       AuditLog audit, ApplicationEventPublisher events, Payments payments, Evaluations evaluations,
                       @Value("${yiwang.applications.correction-notice-working-days:5}") int correctionDays,
                       @Value("${yiwang.applications.sla-yellow-fraction:0.75}") double yellowFraction,
                       @Value("${yiwang.applications.sla-red-fraction:1.0}") double redFraction,
                       @Value("${yiwang.applications.material-max-bytes:10485760}") long materialMaxBytes) {
        this.store = store;
        this.flow = flow;
        this.catalog = catalog;
        this.directory = directory;
        this.calendar = calendar;
        this.files = files;
        this.crypto = crypto;
        this.idempotency = idempotency;
        this.audit = audit;
        this.events = events;
        this.payments = payments;
        this.evaluations = evaluations;
        this.correctionDays = correctionDays;
        this.yellowFraction = yellowFraction;
        this.redFraction = redFraction;
        this.materialMaxBytes = materialMaxBytes;
    }

    // ------------------------------------------------------------------ submission

    /** Submits an application; a repeated Idempotency-Key returns the first case (replayed = true). */
    @Transactional
    public Submitted submit(SubmitRequest req, String idempotencyKey) {
        Caller c = Callers.current();
        if (c.type() != CallerType.CITIZEN && c.type() != CallerType.ENTERPRISE) {
            throw ProblemException.forbidden("只有市民或企业账号可以提交申请", "Only citizen or enterprise accounts can apply");
        }
        SubmitRequest body = req == null ? new SubmitRequest(null, null, null) : req;
        String fingerprint = IdempotencyService.fingerprint(String.valueOf(body.itemId()) + "|" + JSON.writeValueAsString(
                body.form() == null ? Map.of() : new java.util.TreeMap<>(body.form())) + "|" + body.materials());
        IdempotencyService.Outcome out = idempotency.execute("application", idempotencyKey, c.accountId(), fingerprint,
                () -> create(c, body));
        return new Submitted(store.find(out.resourceId()).orElseThrow(), out.replayed());
    }

    /** Result of a submission. */
    public record Submitted(ApplicationStore.Case application, boolean replayed) {
    }

    private String create(Caller c, SubmitRequest req) {
        List<FieldViolation> bad = new ArrayList<>();
        ServiceItem item = null;
        if (req.itemId() == null || req.itemId().isBlank()) {
            bad.add(new FieldViolation("itemId", "必填：事项（实施编码或版本 id）", "required: the item (实施编码 or version id)"));
        } else {
            String ref = req.itemId().trim();
            item = catalog.version(ref).or(() -> catalog.published(ref)).orElse(null);
            if (item == null || item.status() != ItemStatus.PUBLISHED) {
                bad.add(new FieldViolation("itemId", "事项不存在或未发布", "no such published item"));
                item = null;
            }
        }
        Map<String, Object> form = req.form() == null ? Map.of() : req.form();
        if (item != null) {
            bad.addAll(formViolations(item, form));
        }
        List<ApplicationStore.MaterialFile> materials = item == null ? List.of() : materials(c, item, req.materials(), bad, "materials");
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        Department dept = directory.department(item.departmentId())
                .orElseThrow(() -> new IllegalStateException("item department missing: " + item_(req)));
        Instant now = Instant.now();
        String day = LocalDate.ofInstant(now, calendar.zone()).format(DAY);
        String no = item.implementationCode() + day + String.format("%04d", store.nextSequence(item.implementationCode(), day));
        String id = UUID.randomUUID().toString();
        Instant acceptanceDue = calendar.addWorkingDays(now, correctionDays);
        store.insert(new ApplicationStore.Case(id, no, item.id(), item.implementationCode(), item.version(), item.name(), dept.id(),
                dept.regionCode(), c.accountId(), c.displayName(), c.type().name(), encryptForm(form), SUBMITTED, null, null, null,
                null, false, null, null, null, null, null, null, item.promisedDays(), acceptanceDue, null, false, null, null, 0,
                null, null, now, null, null, null, null, now));
        store.addMaterials(id, "SUBMIT", materials);
        for (ApplicationStore.MaterialFile f : materials) {
            files.grant(f.fileId(), c.accountId());
        }
        String definition = flow.definitionFor(item.implementationCode(), item.version());
        String pi = flow.start(definition, id, acceptanceDue);
        store.update(id, "process_instance_id = ?, process_definition_id = ?", pi, definition);
        ApplicationStore.Case created = store.find(id).orElseThrow();
        ApplicationState state = derive(created, "submit");
        if (state != SUBMITTED) {
            store.update(id, "state = ?", state.name());
        }
        changed(c.accountId(), c.displayName(), store.find(id).orElseThrow(), "submit", null, state,
                materials.size() + " 份材料", materials.stream().map(ApplicationStore.MaterialFile::fileId).toList(), now);
        return id;
    }

    private static String item_(SubmitRequest r) {
        return r.itemId();
    }

    /** Form data against the item's JSON Schema: one violation per field, named {@code form.<field>}, in both languages. */
    List<FieldViolation> formViolations(ServiceItem item, Map<String, Object> form) {
        Locale previous = LocaleContextHolder.getLocale();
        Map<String, String> zh;
        Map<String, String> en;
        try {
            LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
            zh = catalog.validateForm(item.id(), form);
            LocaleContextHolder.setLocale(Locale.ENGLISH);
            en = catalog.validateForm(item.id(), form);
        } finally {
            LocaleContextHolder.setLocale(previous);
        }
        List<FieldViolation> out = new ArrayList<>();
        zh.forEach((field, msg) -> out.add(new FieldViolation(field.isEmpty() ? "form" : "form." + field, msg, en.getOrDefault(field, msg))));
        return out;
    }

    /** Checks the material files: readable by the caller, an allowed type and size, a material of the item. */
    private List<ApplicationStore.MaterialFile> materials(Caller c, ServiceItem item, List<MaterialInput> in, List<FieldViolation> bad,
                                                          String field) {
        List<ApplicationStore.MaterialFile> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        Set<String> names = new java.util.HashSet<>(item.materials().stream().map(Material::name).toList());
        for (int i = 0; i < in.size(); i++) {
            MaterialInput m = in.get(i);
            String f = field + "[" + i + "]";
            if (m == null || m.fileId() == null || m.fileId().isBlank() || !files.canRead(m.fileId(), c)) {
                bad.add(new FieldViolation(f + ".fileId", "文件不存在或无权使用", "file not found or not yours"));
                continue;
            }
            StoredFile meta = files.metadata(m.fileId());
            if (meta == null) {
                bad.add(new FieldViolation(f + ".fileId", "文件不存在", "file not found"));
                continue;
            }
            String type = meta.contentType() == null ? "" : meta.contentType().toLowerCase(Locale.ROOT);
            if (!MATERIAL_TYPES.contains(type)) {
                bad.add(new FieldViolation(f + ".fileId", "材料须为 PDF、OFD、JPEG 或 PNG（实际 " + type + "）",
                        "a material must be PDF, OFD, JPEG or PNG (got " + type + ")"));
            }
            if (meta.size() > materialMaxBytes) {
                bad.add(new FieldViolation(f + ".fileId", "材料不能超过 " + materialMaxBytes / 1024 / 1024 + " MB",
                        "a material must be at most " + materialMaxBytes / 1024 / 1024 + " MB"));
            }
            if (meta.size() == 0) {
                bad.add(new FieldViolation(f + ".fileId", "文件为空", "the file is empty"));
            }
            if (m.name() != null && !m.name().isBlank() && !names.contains(m.name().trim())) {
                bad.add(new FieldViolation(f + ".name", "不是该事项的申请材料", "not a material of this item"));
            }
            out.add(new ApplicationStore.MaterialFile(m.fileId(), m.name() == null || m.name().isBlank() ? meta.originalName()
                    : m.name().trim(), null));
        }
        return out;
    }

    private String encryptForm(Map<String, Object> form) {
        return crypto.encrypt(JSON.writeValueAsBytes(form), FORM_AAD);
    }

    /** The form data of a case (decrypted). */
    @SuppressWarnings("unchecked")
    Map<String, Object> form(ApplicationStore.Case c) {
        if (c.formDataEnc() == null) {
            return Map.of();
        }
        return JSON.readValue(crypto.decrypt(c.formDataEnc(), FORM_AAD), LinkedHashMap.class);
    }

    // ------------------------------------------------------------------ reads

    /** True when the caller may see the case: the applicant, an officer in scope, or a window clerk of the region (无差别受理). */
    static boolean visible(Caller c, ApplicationStore.Case a) {
        if (c.accountId().equals(a.applicantAccountId())) {
            return true;
        }
        if (c.type() == CallerType.CITIZEN || c.type() == CallerType.ENTERPRISE) {
            return false;
        }
        return c.scope().allows(a.regionCode(), a.departmentId(), a.applicantAccountId()) || windowClerk(c, a);
    }

    /** A window clerk (综合窗口) handles any item of any department in the clerk's region. */
    static boolean windowClerk(Caller c, ApplicationStore.Case a) {
        return c.hasRole(CLERK) && c.type() == CallerType.OFFICER && a.regionCode() != null
                && c.regionPrefixes().stream().anyMatch(p -> a.regionCode().startsWith(p));
    }

    /** The case if the caller may see it, else 404. Officers who may see it get read grants on its materials. */
    @Transactional
    public ApplicationStore.Case get(String id) {
        Caller c = Callers.current();
        ApplicationStore.Case a = store.find(id).or(() -> store.findByNo(id)).filter(x -> visible(c, x))
                .orElseThrow(() -> ProblemException.notFound("办件", id));
        grantMaterials(c, a);
        return a;
    }

    private void grantMaterials(Caller c, ApplicationStore.Case a) {
        if (c.type() == CallerType.OFFICER) {
            for (ApplicationStore.MaterialFile f : store.materials(a.id())) {
                if (!files.canRead(f.fileId(), c)) {
                    files.grant(f.fileId(), c.accountId());
                }
            }
        }
    }

    public List<ApplicationStore.History> history(String id) {
        return store.history(id);
    }

    public List<ApplicationStore.MaterialFile> materials(String id) {
        return store.materials(id);
    }

    /** The form as the caller may see it: the applicant and officers who may see the case; reads by officers are audited. */
    public Map<String, Object> formFor(ApplicationStore.Case a) {
        Caller c = Callers.current();
        if (!c.accountId().equals(a.applicantAccountId())) {
            audit.record("application.read-form", "application:" + a.applicationNo(), true, "by " + c.username());
        }
        return form(a);
    }

    /** Cases in the caller's scope (citizens and enterprises: their own), newest first; state filter comma-separated. */
    @Transactional(readOnly = true)
    public List<ApplicationStore.Case> list(String state, boolean mine, int limit) {
        Caller c = Callers.current();
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        scope(c, mine, where, params);
        if (state != null && !state.isBlank()) {
            List<String> states = new ArrayList<>();
            for (String s : state.split(",")) {
                try {
                    states.add(ApplicationState.valueOf(s.trim().toUpperCase(Locale.ROOT)).name());
                } catch (IllegalArgumentException ex) {
                    throw ProblemException.invalidField("state", "未知状态：" + s, "unknown state: " + s);
                }
            }
            where.add("c.state in (" + String.join(",", states.stream().map(s -> "?").toList()) + ")");
            params.addAll(states);
        }
        return store.rows(String.join(" and ", where), params,
                "order by c.submitted_at desc, c.application_no desc fetch first " + Math.max(1, Math.min(limit, 500)) + " rows only");
    }

    private static void scope(Caller c, boolean mine, List<String> where, List<Object> params) {
        if (mine || c.type() == CallerType.CITIZEN || c.type() == CallerType.ENTERPRISE) {
            where.add("c.applicant_account_id = ?");
            params.add(c.accountId());
            return;
        }
        AccessScope.Predicate p = c.scope().where("c.region_code", "c.department_id", "c.applicant_account_id");
        StringBuilder sql = new StringBuilder("(").append(p.sql());
        params.addAll(p.params());
        if (c.hasRole(CLERK) && c.type() == CallerType.OFFICER && !c.regionPrefixes().isEmpty()) {
            for (String prefix : c.regionPrefixes()) {
                sql.append(" or c.region_code like ?");
                params.add(prefix + "%");
            }
        }
        where.add(sql.append(")").toString());
    }

    /**
     * The workbench inbox (待办): open cases in scope whose current step the caller can act on — window clerks and
     * reviewers see 申请 (acceptance), reviewers 受理/审查 (their own claims and unclaimed ones), deciders 决定, all
     * three 办结 (delivery). Oldest deadline first.
     */
    @Transactional(readOnly = true)
    public List<ApplicationStore.Case> inbox(int limit) {
        Caller c = Callers.current();
        List<ApplicationStore.Case> open = list("SUBMITTED,ACCEPTED,REVIEW,DECISION,CONCLUDED", false, 500);
        List<ApplicationStore.Case> out = new ArrayList<>();
        for (ApplicationStore.Case a : open) {
            if (!actions(c, a).isEmpty()) {
                out.add(a);
            }
        }
        out.sort(java.util.Comparator.comparing((ApplicationStore.Case a) -> sla(a, Instant.now()).due(),
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return out.stream().limit(Math.max(1, limit)).toList();
    }

    /** The actions the caller may take on the case now (for buttons; the API checks again). */
    List<String> actions(Caller c, ApplicationStore.Case a) {
        List<String> out = new ArrayList<>();
        for (String action : ACTIONS) {
            try {
                check(c, a, action);
                out.add(action);
            } catch (ProblemException e) {
                // not allowed now
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ SLA

    /**
     * SLA colour: acceptance window while 申请, decision deadline while 受理/审查/决定 (frozen while 暂停). RED when overdue
     * or at {@code sla-red-fraction} (default 1.0) of the working time, YELLOW from {@code sla-yellow-fraction} (0.75).
     */
    public Sla sla(ApplicationStore.Case a, Instant now) {
        Instant ref = a.suspended() && a.suspendedAt() != null ? a.suspendedAt() : now;
        Instant start;
        Instant due;
        switch (a.state()) {
            case SUBMITTED -> {
                start = a.submittedAt();
                due = a.acceptanceDue();
            }
            case ACCEPTED, REVIEW, DECISION -> {
                start = a.acceptedAt();
                due = a.deadline();
            }
            default -> {
                return new Sla("NONE", a.state() == CONCLUDED ? a.deadline() : null, 0);
            }
        }
        if (start == null || due == null) {
            return new Sla("NONE", due, 0);
        }
        if (ref.isAfter(due)) {
            return new Sla("RED", due, 1);
        }
        long total = Math.max(1, calendar.workingTimeBetween(start, due).getSeconds());
        long used = Math.max(0, calendar.workingTimeBetween(start, ref).getSeconds() - (a.state() == SUBMITTED ? 0 : a.pausedSeconds()));
        double fraction = Math.min(1.0, (double) used / total);
        return new Sla(fraction >= redFraction ? "RED" : fraction >= yellowFraction ? "YELLOW" : "GREEN", due, fraction);
    }

    double yellowFraction() {
        return yellowFraction;
    }

    // ------------------------------------------------------------------ actions

    /** Performs an action of the flow on a case. */
    @Transactional
    public ApplicationStore.Case act(String id, String action, ActionRequest body) {
        Caller c = Callers.current();
        ActionRequest req = body == null ? ActionRequest.empty() : body;
        ApplicationStore.Case a = store.lock(id).filter(x -> visible(c, x)).orElseThrow(() -> ProblemException.notFound("办件", id));
        if (!ACTIONS.contains(action)) {
            throw ProblemException.notFound("操作", action);
        }
        check(c, a, action);
        Instant now = Instant.now();
        Task task = a.processInstanceId() == null ? null : flow.currentTask(a.processInstanceId()).orElse(null);
        String comment = note(req.comment());
        List<String> documents = documents(c, req.documents());
        switch (action) {
            case "accept" -> {
                Instant deadline = calendar.addWorkingDays(now, a.promisedDays());
                store.update(id, "accepted_at = ?, deadline = ?, accepted_by = ?, accepted_department = ?", now, deadline, c.accountId(),
                        c.departmentIds().stream().sorted().findFirst().orElse(null));
                complete(task, "accept");
                String routed = windowClerk(c, a) && !c.departmentIds().contains(a.departmentId())
                        ? "无差别受理，转 " + directory.department(a.departmentId()).map(Department::name).orElse(a.departmentId()) : null;
                transition(c, a, action, join(join(routed, openBill(a)), comment), documents, now);
            }
            case "request-correction" -> {
                String reason = required("reason", req.reason() != null ? req.reason() : req.comment());
                store.update(id, "correction_note = ?", reason);
                complete(task, "request-correction");
                transition(c, a, action, "一次性告知补正：" + reason, documents, now);
            }
            case "refuse" -> {
                String reason = required("reason", req.reason() != null ? req.reason() : req.comment());
                store.update(id, "refuse_reason = ?, closed_at = ?", reason, now);
                complete(task, "refuse");
                transition(c, a, action, reason, documents, now);
            }
            case "supplement" -> {
                List<FieldViolation> bad = new ArrayList<>();
                ServiceItem item = catalog.version(a.itemId()).orElseThrow();
                Map<String, Object> form = req.form();
                if (form != null) {
                    bad.addAll(formViolations(item, form));
                }
                List<ApplicationStore.MaterialFile> materials = materials(c, item, req.materials(), bad, "materials");
                if (!bad.isEmpty()) {
                    throw ProblemException.invalidFields(bad);
                }
                if (form != null) {
                    store.update(id, "form_data_enc = ?", encryptForm(form));
                }
                store.addMaterials(id, "CORRECTION", materials);
                Instant due = calendar.addWorkingDays(now, correctionDays);
                store.update(id, "acceptance_due = ?", due);
                flow.setVariable(a.processInstanceId(), "acceptanceDue", Date.from(due));
                complete(task, "supplement");
                List<String> ids = new ArrayList<>(documents);
                ids.addAll(materials.stream().map(ApplicationStore.MaterialFile::fileId).toList());
                transition(c, a, action, comment == null ? "已补正 " + materials.size() + " 份材料" : comment, ids, now);
            }
            case "claim" -> {
                flow.claim(task, c.accountId());
                store.update(id, "assignee_account_id = ?, assignee_name = ?", c.accountId(), c.displayName());
                transition(c, a, action, comment, documents, now);
            }
            case "return" -> {
                if (a.state() == DECISION) {
                    String reason = required("reason", req.reason() != null ? req.reason() : req.comment());
                    store.update(id, "assignee_account_id = null, assignee_name = null");
                    complete(task, "return");
                    transition(c, a, action, "退回审查：" + reason, documents, now);
                } else {
                    flow.unclaim(task);
                    store.update(id, "assignee_account_id = null, assignee_name = null");
                    transition(c, a, action, comment == null ? "退回待办" : comment, documents, now);
                }
            }
            case "review" -> {
                String opinion = required("comment", req.comment());
                store.update(id, "assignee_account_id = null, assignee_name = null");
                complete(task, "reviewed");
                transition(c, a, action, "审查意见：" + opinion, documents, now);
            }
            case "grant", "deny" -> {
                String reason = "deny".equals(action) ? required("reason", req.reason() != null ? req.reason() : req.comment())
                        : note(req.reason() != null ? req.reason() : req.comment());
                store.update(id, "decision = ?, decision_reason = ?, decided_at = ?, assignee_account_id = null, assignee_name = null",
                        "grant".equals(action) ? "GRANTED" : "DENIED", reason, now);
                complete(task, action);
                // 办结: the applicant may now rate the service (好差评)
                evaluations.enable("application", id, a.itemCode(), a.departmentId(), a.applicantAccountId(), a.regionCode());
                transition(c, a, action, ("grant".equals(action) ? "准予" : "不予") + (reason == null ? "" : "：" + reason), documents, now);
            }
            case "deliver" -> {
                store.update(id, "delivered_at = ?, closed_at = ?", now, now);
                complete(task, "deliver");
                transition(c, a, action, comment == null ? "已送达" : comment, documents, now);
            }
            case "suspend" -> {
                String reason = required("reason", req.reason() != null ? req.reason() : req.comment());
                store.update(id, "suspended = true, suspended_at = ?, suspend_reason = ?", now, reason);
                flow.suspend(a.processInstanceId());
                record(c, a, action, a.state(), "暂停（" + reason + "），期间不计入办理时限", documents, now);
            }
            case "resume" -> {
                Duration paused = a.suspendedAt() == null ? Duration.ZERO : calendar.workingTimeBetween(a.suspendedAt(), now);
                if (paused.isNegative()) {
                    paused = Duration.ZERO;
                }
                Instant deadline = a.deadline() == null ? null : calendar.addWorkingHours(a.deadline(), paused);
                store.update(id, "suspended = false, suspended_at = null, suspend_reason = null, paused_seconds = paused_seconds + ?, "
                        + "deadline = ?, yellow_card_at = null, red_card_at = null", paused.getSeconds(), deadline);
                flow.activate(a.processInstanceId());
                record(c, a, action, a.state(), join("恢复办理，时限顺延 " + hours(paused), comment), documents, now);
            }
            default -> throw ProblemException.notFound("操作", action);
        }
        return store.find(id).orElseThrow();
    }

    /**
     * Checks role (403) and state (409) of an action for the caller; the caller already sees the case.
     */
    void check(Caller c, ApplicationStore.Case a, String action) {
        boolean applicant = c.accountId().equals(a.applicantAccountId());
        boolean ofDept = c.type() == CallerType.OFFICER && c.departmentIds().contains(a.departmentId()) || c.type() == CallerType.ADMIN;
        boolean clerk = windowClerk(c, a);
        boolean reviewer = ofDept && (c.hasRole(REVIEWER) || c.type() == CallerType.ADMIN);
        boolean decider = ofDept && (c.hasRole(DECIDER) || c.type() == CallerType.ADMIN);
        String what = label(action);
        switch (action) {
            case "accept", "request-correction", "refuse" -> {
                need(clerk || reviewer, what, "CLERK / REVIEWER");
                state(a, what, SUBMITTED);
                if ("request-correction".equals(action) && a.correctionNote() != null) {
                    throw ProblemException.conflict("correction-once", "补正只能一次性告知，本件已告知过补正",
                            "A correction notice is given once (一次性告知); this case already had one");
                }
            }
            case "supplement" -> {
                if (!applicant) {
                    throw ProblemException.forbidden("只有申请人可以补正", "Only the applicant can supply the correction");
                }
                state(a, what, CORRECTION);
            }
            case "claim" -> {
                if (a.state() == DECISION) {
                    need(decider, what, "DECIDER");
                } else {
                    need(reviewer, what, "REVIEWER");
                }
                state(a, what, ACCEPTED, DECISION);
                if (a.assigneeAccountId() != null) {
                    throw ProblemException.conflict("already-claimed", "已由 " + a.assigneeName() + " 签收",
                            "Already claimed by " + a.assigneeName());
                }
            }
            case "return" -> {
                if (a.state() == DECISION) {
                    need(decider, what, "DECIDER");
                } else {
                    need(reviewer, what, "REVIEWER");
                }
                state(a, what, REVIEW, DECISION);
                mine(c, a, what);
            }
            case "review" -> {
                need(reviewer, what, "REVIEWER");
                state(a, what, REVIEW);
                mine(c, a, what);
            }
            case "grant", "deny" -> {
                need(decider, what, "DECIDER");
                state(a, what, DECISION);
                if (!payments.isSettled(a.id())) {
                    throw ProblemException.conflict("awaiting-payment", "办件尚有待缴费用（缴款单未缴清），缴费后才能作出决定",
                            "The case has an unpaid bill; it can be decided once the fees are paid");
                }
                if (a.assigneeAccountId() != null && !a.assigneeAccountId().equals(c.accountId())) {
                    throw ProblemException.conflict("claimed-by-other", "已由 " + a.assigneeName() + " 签收",
                            "Claimed by " + a.assigneeName());
                }
            }
            case "deliver" -> {
                need(clerk || reviewer || decider, what, "CLERK / REVIEWER / DECIDER");
                state(a, what, CONCLUDED);
            }
            case "suspend" -> {
                need(reviewer || decider, what, "REVIEWER / DECIDER");
                state(a, what, ACCEPTED, REVIEW, DECISION);
            }
            case "resume" -> {
                need(reviewer || decider, what, "REVIEWER / DECIDER");
                if (!a.suspended()) {
                    throw ProblemException.conflict("not-suspended", "办件未暂停", "The case is not suspended");
                }
            }
            default -> throw ProblemException.notFound("操作", action);
        }
        if (a.suspended() && !"resume".equals(action)) {
            throw ProblemException.conflict("suspended", "办件已暂停（" + a.suspendReason() + "），恢复后才能" + what,
                    "The case is suspended (" + a.suspendReason() + "); resume it first");
        }
    }

    private static void need(boolean ok, String what, String roles) {
        if (!ok) {
            throw ProblemException.forbidden(what + "需要办理部门的角色 " + roles, "Role " + roles + " of the handling department is required to " + what);
        }
    }

    private static void mine(Caller c, ApplicationStore.Case a, String what) {
        if (a.assigneeAccountId() == null || !a.assigneeAccountId().equals(c.accountId())) {
            throw ProblemException.conflict("not-claimed", "须先签收才能" + what + (a.assigneeName() == null ? "" : "（当前签收人 " + a.assigneeName() + "）"),
                    "Claim the case first" + (a.assigneeName() == null ? "" : " (claimed by " + a.assigneeName() + ")"));
        }
    }

    private static void state(ApplicationStore.Case a, String what, ApplicationState... allowed) {
        for (ApplicationState s : allowed) {
            if (a.state() == s) {
                return;
            }
        }
        List<String> names = java.util.Arrays.stream(allowed).map(s -> s.name() + " " + s.zh()).toList();
        throw ProblemException.conflict("invalid-state", "办件当前状态为“" + a.state().zh() + "”，不能" + what + "（须为 " + names + "）",
                "The case is " + a.state() + "; " + what + " needs " + List.of(allowed));
    }

    static String label(String action) {
        return switch (action) {
            case "submit" -> "申请";
            case "accept" -> "受理";
            case "deemed-accept" -> "视为受理";
            case "request-correction" -> "告知补正";
            case "refuse" -> "不予受理";
            case "supplement" -> "补正";
            case "claim" -> "签收";
            case "return" -> "退回";
            case "review" -> "审查";
            case "grant" -> "准予";
            case "deny" -> "不予";
            case "deliver" -> "送达";
            case "suspend" -> "暂停";
            case "resume" -> "恢复";
            case "yellow-card" -> "黄牌预警";
            case "red-card" -> "红牌（超期）";
            default -> action;
        };
    }

    private void complete(Task task, String outcome) {
        if (task == null) {
            throw ProblemException.conflict("no-open-step", "流程没有待办环节", "The flow has no open step");
        }
        flow.complete(task, outcome, Map.of());
    }

    /** Derives the new state from the flow's current step, stores it and records the change. */
    private void transition(Caller c, ApplicationStore.Case before, String action, String comment, List<String> documents, Instant now) {
        ApplicationStore.Case current = store.find(before.id()).orElseThrow();
        ApplicationState to = derive(current, action);
        store.update(before.id(), "state = ?, updated_at = ?", to.name(), now);
        changed(c.accountId(), c.displayName(), store.find(before.id()).orElseThrow(), action, before.state(), to, comment, documents, now);
    }

    private void record(Caller c, ApplicationStore.Case before, String action, ApplicationState to, String comment, List<String> documents,
                        Instant now) {
        store.update(before.id(), "updated_at = ?", now);
        changed(c.accountId(), c.displayName(), store.find(before.id()).orElseThrow(), action, before.state(), to, comment, documents, now);
    }

    /** The state the case is in given its process's current user task (ended: 不予受理 or 送达). */
    ApplicationState derive(ApplicationStore.Case a, String action) {
        Optional<Task> task = flow.currentTask(a.processInstanceId());
        if (task.isEmpty()) {
            return "refuse".equals(action) ? NOT_ACCEPTED : a.decidedAt() == null && a.acceptedAt() == null ? NOT_ACCEPTED : DELIVERED;
        }
        Task t = task.get();
        return switch (t.getTaskDefinitionKey()) {
            case "acceptance" -> SUBMITTED;
            case "correction" -> CORRECTION;
            case "review" -> t.getAssignee() == null ? ACCEPTED : REVIEW;
            case "decide" -> DECISION;
            case "deliver" -> CONCLUDED;
            default -> throw new IllegalStateException("unknown step " + t.getTaskDefinitionKey());
        };
    }

    /** History, audit, applicant notification and {@link ApplicationChanged}, in the caller's transaction. */
    void changed(String actorId, String actorName, ApplicationStore.Case after, String action, ApplicationState from, ApplicationState to,
                 String comment, List<String> documents, Instant now) {
        store.history(after.id(), actorId, actorName, action, from, to, comment, documents, now);
        audit.recordAs(actorId, actorName, "application." + action, "application:" + after.applicationNo(), true,
                (from == null ? "-" : from.name()) + "→" + to.name() + (comment == null ? "" : " " + comment));
        if (!"claim".equals(action) && !"return".equals(action) || from != to) {
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("caseNo", after.applicationNo());
            vars.put("serviceName", after.itemName());
            vars.put("status", to.zh() + (after.suspended() ? "（暂停）" : "") + (after.decision() == null ? ""
                    : "GRANTED".equals(after.decision()) ? "（准予）" : "（不予）"));
            if (comment != null && !comment.isBlank() && !"review".equals(action) && !action.endsWith("card")) {
                vars.put("note", comment);
            }
            events.publishEvent(NotificationRequested.inApp("case.status-changed", List.of(after.applicantAccountId()), vars,
                    "/portal/applications/" + after.id()));
        }
        events.publishEvent(new ApplicationChanged(after.id(), after.applicationNo(), after.itemCode(), after.departmentId(),
                after.regionCode(), after.applicantAccountId(), action, from, to, now));
    }

    /** §32: called by the flow's timer when no 补正 notice or decision came in time — accepted as of receipt. */
    @Transactional
    public void deemAccepted(String caseId) {
        ApplicationStore.Case a = store.lock(caseId).orElseThrow(() -> new IllegalStateException("no case " + caseId));
        if (a.state() != SUBMITTED) {
            return;
        }
        Instant now = Instant.now();
        Instant deadline = calendar.addWorkingDays(a.submittedAt(), a.promisedDays());
        store.update(caseId, "state = ?, deemed_accepted = true, accepted_at = ?, deadline = ?, updated_at = ?", ACCEPTED.name(),
                a.submittedAt(), deadline, now);
        changed("system", "系统", store.find(caseId).orElseThrow(), "deemed-accept", SUBMITTED, ACCEPTED,
                join("逾期未告知补正，自收到申请之日起视为受理（行政许可法第三十二条）", openBill(a)), List.of(), now);
    }

    /** Issues a 黄牌/红牌 once per case (SLA job). */
    @Transactional
    public boolean card(String caseId, String colour) {
        ApplicationStore.Case a = store.lock(caseId).orElse(null);
        if (a == null || a.suspended()) {
            return false;
        }
        Sla sla = sla(a, Instant.now());
        boolean red = "RED".equals(colour) && "RED".equals(sla.colour()) && a.redCardAt() == null;
        boolean yellow = "YELLOW".equals(colour) && ("YELLOW".equals(sla.colour()) || "RED".equals(sla.colour())) && a.yellowCardAt() == null;
        if (!red && !yellow) {
            return false;
        }
        Instant now = Instant.now();
        store.update(caseId, red ? "red_card_at = ?" : "yellow_card_at = ?", now);
        String action = red ? "red-card" : "yellow-card";
        String due = sla.due() == null ? "" : sla.due().atZone(calendar.zone()).toLocalDateTime().toString().replace('T', ' ');
        changed("system", "系统", store.find(caseId).orElseThrow(), action, a.state(), a.state(),
                (red ? "红牌：已超过办理时限 " : "黄牌：办理时限即将届满 ") + due, List.of(), now);
        if (a.assigneeAccountId() != null) {
            events.publishEvent(NotificationRequested.inApp("case.status-changed", List.of(a.assigneeAccountId()),
                    Map.of("caseNo", a.applicationNo(), "serviceName", a.itemName(), "status", label(action)),
                    "/workbench/applications/" + a.id()));
        }
        return true;
    }

    /** Open cases whose clock runs (SLA job). */
    List<ApplicationStore.Case> running() {
        return store.rows("c.state in ('SUBMITTED', 'ACCEPTED', 'REVIEW', 'DECISION') and c.suspended = false "
                + "and (c.yellow_card_at is null or c.red_card_at is null)", List.of(), "order by c.submitted_at");
    }

    /** On 受理, a bill (缴款单) for the item version's fees, payable by the applicant; null for a free item (不收费). */
    private String openBill(ApplicationStore.Case a) {
        ServiceItem item = catalog.version(a.itemId()).orElse(null);
        if (item == null || item.free()) {
            return null;
        }
        Bill bill = payments.openBill(OpenBillRequest.forItem(a.id(), a.applicantAccountId(), item));
        return "缴款单 " + bill.billNo() + "（" + java.math.BigDecimal.valueOf(bill.amountFen(), 2).toPlainString() + " 元）";
    }

    private List<String> documents(Caller c, List<String> ids) {
        List<String> docs = ids == null ? List.of() : ids;
        List<FieldViolation> bad = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            if (docs.get(i) == null || !files.canRead(docs.get(i), c)) {
                bad.add(new FieldViolation("documents[" + i + "]", "文件不存在或无权使用", "file not found or not yours"));
            }
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        return docs;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "必填", "required");
        }
        if (value.length() > 2000) {
            throw ProblemException.invalidField(field, "不超过 2000 字", "at most 2000 characters");
        }
        return value.trim();
    }

    private static String note(String comment) {
        return comment == null || comment.isBlank() ? null : comment.trim();
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "；" + b;
    }

    private static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes / 60 + " 工作小时 " + minutes % 60 + " 分";
    }
}
