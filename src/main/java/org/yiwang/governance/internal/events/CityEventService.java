package org.yiwang.governance.internal.events;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.crypto.Protected;
import org.yiwang.files.FileService;
import org.yiwang.governance.CityEvent;
import org.yiwang.governance.CityEventChanged;
import org.yiwang.governance.CityEventIntake;
import org.yiwang.governance.CityEventState;
import org.yiwang.governance.DeadlineUnit;
import org.yiwang.governance.EventCatalog;
import org.yiwang.governance.EventClass;
import org.yiwang.governance.GridLocator;
import org.yiwang.governance.GridMatch;
import org.yiwang.governance.MatchRule;
import org.yiwang.identity.AccountDirectory;
import org.yiwang.identity.AccountInfo;
import org.yiwang.notification.NotificationRequested;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.shared.idempotency.IdempotencyService;
import org.yiwang.shared.security.AccessScope;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

import static org.yiwang.governance.CityEventState.CLOSED;
import static org.yiwang.governance.CityEventState.DISPATCHED;
import static org.yiwang.governance.CityEventState.FILED;
import static org.yiwang.governance.CityEventState.HANDLED;
import static org.yiwang.governance.CityEventState.MERGED;
import static org.yiwang.governance.CityEventState.REJECTED;
import static org.yiwang.governance.CityEventState.REPORTED;
import static org.yiwang.governance.CityEventState.SUSPENDED;

/**
 * City events (城市事件): one entrance (统一入口) for 随手拍, 巡查, 12345 and other sources, and the closed loop
 * (闭环) 立案 → 派遣 → 处置 → 核查 → 结案 → 评价 with 延期, 缓办/挂账 and merges. Every transition checks the role (403),
 * the state (409) and the data scope (404), appends to {@code gov_event_history}, is audited, notifies the reporter
 * ({@code event.status-changed}) and publishes {@link CityEventChanged}, all in one transaction.
 */
@Service
public class CityEventService implements CityEventIntake {

    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String DISPATCHER = "DISPATCHER";
    public static final String DEPT_HANDLER = "DEPT_HANDLER";
    public static final String GRID_WORKER = "GRID_WORKER";

    static final List<String> SOURCES = List.of("CITIZEN", "PATROL", "HOTLINE", "API", "SENSOR", "OPEN311");

    /** Reporter account ids of events posted through Open311 start with this (the posting system, not an account). */
    public static final String OPEN311_REPORTER_PREFIX = "open311:";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** Intake request (统一入口). */
    public record ReportRequest(String source, String classCode, String description, Double lon, Double lat, List<String> photos,
                                String callerPhone) {
    }

    /** A likely duplicate found at intake. */
    public record Duplicate(String id, String eventNo, String state, long distanceMeters, Instant createdAt) {
    }

    /** Result of an intake. */
    public record Reported(CityEventStore.Row row, List<Duplicate> likelyDuplicates, boolean replayed) {
        /** The event as other packages of the module read it. */
        public CityEvent event() {
            return row.event();
        }
    }

    /** Body of a transition; each action reads the fields it needs. */
    public record ActionRequest(String classCode, String comment, String reason, String departmentId, List<String> photos,
                                Boolean passed, Integer amount, String unit, Boolean approved, Integer rating, Boolean longTerm) {
        public static ActionRequest empty() {
            return new ActionRequest(null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    private final CityEventStore store;
    private final GridLocator locator;
    private final EventCatalog catalog;
    private final WorkingCalendar calendar;
    private final OrganizationDirectory directory;
    private final AccountDirectory accounts;
    private final FileService files;
    private final PersonalDataVault vault;
    private final IdempotencyService idempotency;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final boolean acceptOutside;
    private final double duplicateRadiusMeters;
    private final Duration duplicateWindow;

    CityEventService(CityEventStore store, GridLocator locator, EventCatalog catalog, WorkingCalendar calendar,
                     OrganizationDirectory directory, AccountDirectory accounts, FileService files, PersonalDataVault vault,
                     IdempotencyService idempotency, AuditLog audit, ApplicationEventPublisher events,
                     @Value("${yiwang.governance.accept-outside:false}") boolean acceptOutside,
                     @Value("${yiwang.governance.events.duplicate-radius-meters:50}") double duplicateRadiusMeters,
                     @Value("${yiwang.governance.events.duplicate-window:PT2H}") Duration duplicateWindow) {
        this.store = store;
        this.locator = locator;
        this.catalog = catalog;
        this.calendar = calendar;
        this.directory = directory;
        this.accounts = accounts;
        this.files = files;
        this.vault = vault;
        this.idempotency = idempotency;
        this.audit = audit;
        this.events = events;
        this.acceptOutside = acceptOutside;
        this.duplicateRadiusMeters = duplicateRadiusMeters;
        this.duplicateWindow = duplicateWindow;
    }

    // ------------------------------------------------------------------ intake

    @Transactional
    public Reported report(ReportRequest req, String idempotencyKey) {
        Caller c = Callers.current();
        String source = sourceFor(c, req.source());
        String fingerprint = IdempotencyService.fingerprint(String.join("|", source, String.valueOf(req.classCode()),
                String.valueOf(req.description()), String.valueOf(req.lon()), String.valueOf(req.lat()),
                String.valueOf(req.photos()), String.valueOf(req.callerPhone())));
        java.util.concurrent.atomic.AtomicReference<List<Duplicate>> dups = new java.util.concurrent.atomic.AtomicReference<>(List.of());
        IdempotencyService.Outcome out = idempotency.execute("city-event", idempotencyKey, c.accountId(), fingerprint, () -> {
            CityEventStore.Row row = create(c, source, req);
            dups.set(duplicates(row.event()));
            return row.id();
        });
        CityEventStore.Row row = store.row(out.resourceId()).orElseThrow();
        return new Reported(row, out.replayed() ? duplicates(row.event()) : dups.get(), out.replayed());
    }

    private static String sourceFor(Caller c, String requested) {
        String def = switch (c.type()) {
            case CITIZEN, ENTERPRISE -> "CITIZEN";
            case OFFICER -> c.hasRole(GRID_WORKER) ? "PATROL" : "HOTLINE";
            default -> "API";
        };
        if (requested == null || requested.isBlank()) {
            return def;
        }
        String s = requested.trim().toUpperCase();
        if (!SOURCES.contains(s)) {
            throw ProblemException.invalidField("source", "应为 " + SOURCES, "must be one of " + SOURCES);
        }
        boolean allowed = switch (c.type()) {
            case CITIZEN, ENTERPRISE -> s.equals("CITIZEN");
            case OFFICER -> s.equals("HOTLINE") || (s.equals("PATROL") && c.hasRole(GRID_WORKER));
            default -> true;
        };
        if (!allowed) {
            throw ProblemException.invalidField("source", "当前账号不能以此来源上报", "this account cannot report with this source");
        }
        return s;
    }

    private CityEventStore.Row create(Caller c, String source, ReportRequest req) {
        List<FieldViolation> bad = new ArrayList<>();
        String description = req.description() == null ? "" : req.description().trim();
        if (description.isEmpty() || description.length() > 2000) {
            bad.add(new FieldViolation("description", "必填，不超过 2000 字", "required, at most 2000 characters"));
        }
        if (req.lon() == null || !Double.isFinite(req.lon()) || Math.abs(req.lon()) > 180) {
            bad.add(new FieldViolation("lon", "应为 -180 到 180 之间的经度（WGS-84）", "must be a WGS-84 longitude from -180 to 180"));
        }
        if (req.lat() == null || !Double.isFinite(req.lat()) || Math.abs(req.lat()) > 90) {
            bad.add(new FieldViolation("lat", "应为 -90 到 90 之间的纬度（WGS-84）", "must be a WGS-84 latitude from -90 to 90"));
        }
        EventClass cls = null;
        if (req.classCode() != null && !req.classCode().isBlank()) {
            cls = catalog.find(req.classCode().trim()).filter(EventClass::active).orElse(null);
            if (cls == null) {
                bad.add(new FieldViolation("classCode", "未知或已停用的事件分类", "unknown or inactive event class"));
            }
        }
        List<String> photos = req.photos() == null ? List.of() : req.photos();
        for (int i = 0; i < photos.size(); i++) {
            String f = photos.get(i);
            if (f == null || !files.canRead(f, c)) {
                bad.add(new FieldViolation("photos[" + i + "]", "照片不存在或无权使用", "photo not found or not yours"));
            }
        }
        Protected phone = new Protected(null, null);
        if ("HOTLINE".equals(source)) {
            String p = req.callerPhone() == null ? "" : req.callerPhone().replaceAll("[\\s-]", "");
            if (!p.matches("(1\\d{10})|(0\\d{9,11})")) {
                bad.add(new FieldViolation("callerPhone", "12345 来电须填写有效电话号码", "a valid phone number of the 12345 caller is required"));
            } else {
                phone = vault.protect(PersonalDataKind.PHONE, p);
            }
        } else if (req.callerPhone() != null && !req.callerPhone().isBlank()) {
            bad.add(new FieldViolation("callerPhone", "仅 12345 热线录入时填写", "only for 12345 hotline entries"));
        }
        GridMatch match = null;
        if (bad.stream().noneMatch(v -> v.field().equals("lon") || v.field().equals("lat"))) {
            match = locator.resolve(req.lon(), req.lat());
            if (match.rule() == MatchRule.OUTSIDE && !acceptOutside) {
                bad.add(new FieldViolation("lon", "该位置不在本市范围内", "the location is outside the city"));
                bad.add(new FieldViolation("lat", "该位置不在本市范围内", "the location is outside the city"));
            }
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        Instant now = Instant.now();
        String day = LocalDate.ofInstant(now, calendar.zone()).format(DAY);
        String no = "SJ" + day + String.format("%06d", store.nextSequence(day));
        String id = UUID.randomUUID().toString();
        String region = match.regionCode();
        String department = cls == null ? null : catalog.responsibleDepartment(cls.code(), region).orElse(null);
        store.jdbc().sql("insert into gov_event (id, event_no, source, class_code, description, lon, lat, match_rule, grid_code, "
                        + "region_code, department_id, reporter_account_id, caller_phone_enc, caller_phone_bidx, state, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, no, source, cls == null ? null : cls.code(), description, req.lon(), req.lat(), match.rule().name(),
                        match.gridCode(), region, department, c.accountId(), phone.cipherText(), phone.blindIndex(), REPORTED.name(),
                        CityEventStore.ts(now), CityEventStore.ts(now)).update();
        store.addPhotos(id, "REPORT", photos);
        store.history(id, c.accountId(), c.displayName(), "report", null, REPORTED, sourceLabel(source), photos, now);
        audit.record("event.report", "event:" + no, true, "source=" + source + " rule=" + match.rule() + " grid=" + match.gridCode()
                + " class=" + (cls == null ? "-" : cls.code()));
        CityEventStore.Row row = store.row(id).orElseThrow();
        notifyReporter(row.event(), "report", null);
        events.publishEvent(new CityEventChanged(id, no, "report", null, REPORTED, c.accountId(), now));
        return row;
    }

    /** Open events of the same class within the radius and time window (重复案件候选). */
    List<Duplicate> duplicates(CityEvent e) {
        if (e.classCode() == null) {
            return List.of();
        }
        double dLat = duplicateRadiusMeters / 111_320.0;
        double dLon = duplicateRadiusMeters / (111_320.0 * Math.max(0.01, Math.cos(Math.toRadians(e.lat()))));
        Instant since = e.createdAt().minus(duplicateWindow);
        Instant until = e.createdAt().plus(duplicateWindow);
        List<Duplicate> out = new ArrayList<>();
        for (CityEventStore.Row r : store.rows("e.class_code = ? and e.id <> ? and e.state not in ('REJECTED', 'MERGED') "
                        + "and e.created_at >= ? and e.created_at <= ? and e.lat between ? and ? and e.lon between ? and ?",
                List.of(e.classCode(), e.id(), CityEventStore.ts(since), CityEventStore.ts(until), e.lat() - dLat, e.lat() + dLat,
                        e.lon() - dLon, e.lon() + dLon), "order by e.created_at")) {
            double d = distanceMeters(e.lon(), e.lat(), r.event().lon(), r.event().lat());
            if (d <= duplicateRadiusMeters) {
                out.add(new Duplicate(r.id(), r.event().eventNo(), r.state().name(), Math.round(d), r.event().createdAt()));
            }
        }
        return out;
    }

    static double distanceMeters(double lon1, double lat1, double lon2, double lat2) {
        double r = 6_371_008.8;
        double p1 = Math.toRadians(lat1), p2 = Math.toRadians(lat2);
        double dp = p2 - p1, dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    // ------------------------------------------------------------------ system intake (CityEventIntake, e.g. sensing alerts)

    @Override
    @Transactional
    public String reportFromSystem(String source, String classCode, String description, double lon, double lat, String externalRef,
                                   String idempotencyKey) {
        return Callers.callAs(Caller.SYSTEM, () -> {
            Reported r = report(new ReportRequest(source, classCode, description, lon, lat, List.of(), null), idempotencyKey);
            if (!r.replayed() && externalRef != null) {
                audit.record("event.system-report", "event:" + r.row().event().eventNo(), true, "ref=" + externalRef);
            }
            return r.row().id();
        });
    }

    @Override
    @Transactional
    public boolean updateFromSystem(String eventId, String note, boolean escalate) {
        Optional<CityEventStore.Row> row = store.rowForUpdate(eventId);
        if (row.isEmpty() || row.get().state() == REJECTED || row.get().state() == CLOSED || row.get().state() == MERGED) {
            return false;
        }
        CityEvent e = row.get().event();
        Instant now = Instant.now();
        String action = escalate ? "system-escalate" : "system-update";
        store.history(eventId, Caller.SYSTEM.accountId(), Caller.SYSTEM.displayName(), action, e.state(), e.state(), note, List.of(), now);
        audit.recordAs(Caller.SYSTEM.accountId(), Caller.SYSTEM.displayName(), "event." + action, "event:" + e.eventNo(), true, note);
        events.publishEvent(new CityEventChanged(eventId, e.eventNo(), action, e.state(), e.state(), Caller.SYSTEM.accountId(), now));
        return true;
    }

    // ------------------------------------------------------------------ reads

    /** True when the caller may see the event: its reporter, or in scope on region + department. */
    static boolean visible(Caller c, CityEvent e) {
        if (c.accountId().equals(e.reporterAccountId())) {
            return true;
        }
        if (c.type() == CallerType.CITIZEN || c.type() == CallerType.ENTERPRISE) {
            return false;
        }
        return c.scope().allows(e.regionCode(), e.departmentId(), e.reporterAccountId());
    }

    /** The event if the caller may see it, else 404. Officers in scope get read grants on the reporter's photos. */
    @Transactional
    public CityEventStore.Row get(String id) {
        Caller c = Callers.current();
        CityEventStore.Row row = store.row(id).filter(r -> visible(c, r.event()))
                .orElseThrow(() -> ProblemException.notFound("事件", id));
        grantPhotos(c, row);
        return row;
    }

    /** Officers who may see an event may read the reporter's photos (citizens' uploads carry no region of their own). */
    private void grantPhotos(Caller c, CityEventStore.Row row) {
        if (c.type() == CallerType.OFFICER) {
            for (String f : row.event().photos()) {
                if (!files.canRead(f, c)) {
                    files.grant(f, c.accountId());
                }
            }
        }
    }

    public List<CityEventStore.History> history(String id) {
        return store.history(id);
    }

    public List<String> handlePhotos(String id) {
        return store.photos(id, "HANDLE");
    }

    /** The hotline caller's phone as the caller may see it (masked without personal-data:read-full), or null. */
    public String callerPhone(CityEventStore.Row row) {
        Caller c = Callers.current();
        if (row.callerPhoneEnc() == null || c.type() == CallerType.CITIZEN || c.type() == CallerType.ENTERPRISE) {
            return null;
        }
        return vault.display(PersonalDataKind.PHONE, row.callerPhoneEnc(), "event:" + row.event().eventNo(), "event-hotline", c);
    }

    /** Scoped list with optional filters. */
    @Transactional(readOnly = true)
    public List<CityEventStore.Row> list(String state, String grid, String classCode, Instant from, Instant to, String department,
                                         boolean mine, int limit) {
        Caller c = Callers.current();
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (mine || c.type() == CallerType.CITIZEN || c.type() == CallerType.ENTERPRISE) {
            where.add("e.reporter_account_id = ?");
            params.add(c.accountId());
        } else {
            AccessScope.Predicate p = c.scope().where("e.region_code", "e.department_id", "e.reporter_account_id");
            where.add("(" + p.sql() + " or e.reporter_account_id = ?)");
            params.addAll(p.params());
            params.add(c.accountId());
        }
        if (state != null && !state.isBlank()) {
            List<String> states = new ArrayList<>();
            for (String s : state.split(",")) {
                try {
                    states.add(CityEventState.valueOf(s.trim().toUpperCase()).name());
                } catch (IllegalArgumentException ex) {
                    throw ProblemException.invalidField("state", "未知状态：" + s, "unknown state: " + s);
                }
            }
            where.add("e.state in (" + String.join(",", states.stream().map(s -> "?").toList()) + ")");
            params.addAll(states);
        }
        if (grid != null && !grid.isBlank()) {
            where.add("e.grid_code = ?");
            params.add(grid.trim());
        }
        if (classCode != null && !classCode.isBlank()) {
            where.add("e.class_code = ?");
            params.add(classCode.trim());
        }
        if (department != null && !department.isBlank()) {
            where.add("e.department_id = ?");
            params.add(department.trim());
        }
        if (from != null) {
            where.add("e.created_at >= ?");
            params.add(CityEventStore.ts(from));
        }
        if (to != null) {
            where.add("e.created_at < ?");
            params.add(CityEventStore.ts(to));
        }
        return store.rows(String.join(" and ", where), params,
                "order by e.created_at desc, e.event_no desc fetch first " + Math.max(1, Math.min(limit, 500)) + " rows only");
    }

    // ------------------------------------------------------------------ transitions

    @Transactional
    public CityEventStore.Row act(String id, String action, ActionRequest body) {
        Caller c = Callers.current();
        ActionRequest req = body == null ? ActionRequest.empty() : body;
        CityEventStore.Row row = store.rowForUpdate(id).filter(r -> visible(c, r.event()))
                .orElseThrow(() -> ProblemException.notFound("事件", id));
        CityEvent e = row.event();
        Instant now = Instant.now();
        grantPhotos(c, row);
        switch (action) {
            case "file" -> {
                role(c, SUPERVISOR, "立案");
                state(e, "立案", REPORTED);
                String code = req.classCode() != null && !req.classCode().isBlank() ? req.classCode().trim() : e.classCode();
                if (code == null) {
                    throw ProblemException.invalidField("classCode", "立案须确定事件分类", "a class is required to file the event");
                }
                EventClass cls = catalog.find(code).filter(EventClass::active).orElseThrow(() ->
                        ProblemException.invalidField("classCode", "未知或已停用的事件分类", "unknown or inactive event class"));
                String dept = catalog.responsibleDepartment(cls.code(), e.regionCode()).orElse(e.departmentId());
                store.update(id, "class_code = ?, department_id = ?, state = ?, filed_at = ?, updated_at = ?", cls.code(), dept, FILED.name(), now,
                        now);
                done(c, row, "file", FILED, note(req.comment()), List.of(), now);
            }
            case "reject" -> {
                role(c, SUPERVISOR, "不予立案");
                state(e, "不予立案", REPORTED);
                String reason = required("reason", req.reason() != null ? req.reason() : req.comment());
                store.update(id, "state = ?, reject_reason = ?, closed_at = ?, updated_at = ?", REJECTED.name(), reason, now, now);
                done(c, row, "reject", REJECTED, reason, List.of(), now);
            }
            case "dispatch" -> {
                role(c, DISPATCHER, "派遣");
                state(e, "派遣", FILED);
                String dept = req.departmentId() != null && !req.departmentId().isBlank() ? req.departmentId().trim() : e.departmentId();
                if (dept == null || directory.department(dept).isEmpty()) {
                    throw ProblemException.invalidField("departmentId", "须指定存在的处置部门", "an existing handling department is required");
                }
                String deptRegion = directory.department(dept).get().regionCode();
                if (e.regionCode() != null && !e.regionCode().startsWith(org.yiwang.shared.ids.ChineseIds.regionPrefix(deptRegion))) {
                    // four levels (四级): a case goes to a department of its own region or of a region above it, never sideways
                    throw ProblemException.invalidField("departmentId", "处置部门须属于事件所在区域或其上级区域",
                            "the handling department must belong to the event's region or a region above it");
                }
                Instant deadline = catalog.deadline(e.classCode(), now);
                store.update(id, "department_id = ?, state = ?, dispatched_at = ?, deadline = ?, dispatcher_officer_id = ?, overdue = false, "
                        + "escalation_level = 0, updated_at = ?", dept, DISPATCHED.name(), now, deadline, officerId(c), now);
                String comment = dept.equals(e.departmentId()) ? note(req.comment()) : "改派 " + dept + (req.comment() == null ? "" : "：" + req.comment());
                done(c, row, "dispatch", DISPATCHED, comment, List.of(), now);
            }
            case "handle" -> {
                handler(c, e, "处置");
                state(e, "处置", DISPATCHED);
                String result = required("comment", req.comment());
                List<String> photos = photos(c, req.photos());
                store.addPhotos(id, "HANDLE", photos);
                for (String f : photos) {
                    files.grant(f, e.reporterAccountId());
                }
                store.update(id, "state = ?, handled_at = ?, handler_officer_id = ?, updated_at = ?", HANDLED.name(), now, officerId(c), now);
                done(c, row, "handle", HANDLED, result, photos, now);
            }
            case "verify" -> {
                role(c, SUPERVISOR, "核查");
                state(e, "核查", HANDLED);
                if (req.passed() == null) {
                    throw ProblemException.invalidField("passed", "须填写核查结论", "the verification result is required");
                }
                if (req.passed()) {
                    store.update(id, "state = ?, closed_at = ?, updated_at = ?", CLOSED.name(), now, now);
                    done(c, row, "verify-pass", CLOSED, note(req.comment()), List.of(), now);
                } else {
                    String why = required("comment", req.comment());
                    Instant deadline = catalog.deadline(e.classCode(), now);
                    store.update(id, "state = ?, rework_count = rework_count + 1, deadline = ?, overdue = false, escalation_level = 0, "
                            + "updated_at = ?", DISPATCHED.name(), deadline, now);
                    done(c, row, "verify-fail", DISPATCHED, "返工：" + why, List.of(), now);
                }
            }
            case "extend" -> {
                handler(c, e, "申请延期");
                state(e, "申请延期", DISPATCHED);
                if (row.extensionPending() != null) {
                    throw ProblemException.conflict("extension-pending", "已有待审批的延期申请", "An extension request is already pending");
                }
                String amount = amount(req);
                String reason = required("reason", req.reason() != null ? req.reason() : req.comment());
                store.update(id, "extension_pending = ?, handler_officer_id = ?, updated_at = ?", amount, officerId(c), now);
                done(c, row, "extend", DISPATCHED, "申请延期 " + amount + "：" + reason, List.of(), now);
            }
            case "approve-extension" -> {
                role(c, DISPATCHER, "审批延期");
                state(e, "审批延期", DISPATCHED);
                if (row.extensionPending() == null) {
                    throw ProblemException.conflict("no-extension-pending", "没有待审批的延期申请", "No extension request is pending");
                }
                if (Boolean.FALSE.equals(req.approved())) {
                    store.update(id, "extension_pending = null, updated_at = ?", now);
                    done(c, row, "reject-extension", DISPATCHED, "不同意延期" + (req.comment() == null ? "" : "：" + req.comment()), List.of(), now);
                } else {
                    String amount = req.amount() != null ? amount(req) : row.extensionPending();
                    String[] parts = amount.split(" ");
                    int n = Integer.parseInt(parts[0]);
                    Instant base = e.deadline() != null ? e.deadline() : now;
                    Instant deadline = DeadlineUnit.valueOf(parts[1]) == DeadlineUnit.WORKING_DAYS ? calendar.addWorkingDays(base, n)
                            : calendar.addWorkingHours(base, Duration.ofHours(n));
                    boolean stillOverdue = !deadline.isAfter(now);
                    store.update(id, "extension_pending = null, extension_count = extension_count + 1, deadline = ?, overdue = ?, "
                            + "escalation_level = ?, updated_at = ?", deadline, stillOverdue, stillOverdue ? e.escalationLevel() : 0, now);
                    done(c, row, "approve-extension", DISPATCHED, "同意延期 " + amount, List.of(), now);
                }
            }
            case "suspend" -> {
                role(c, DISPATCHER, "缓办");
                state(e, "缓办", FILED, DISPATCHED);
                String reason = required("reason", req.reason() != null ? req.reason() : req.comment());
                boolean longTerm = Boolean.TRUE.equals(req.longTerm());
                store.update(id, "state = ?, suspended_from = ?, suspended_at = ?, long_term = ?, updated_at = ?", SUSPENDED.name(),
                        e.state().name(), now, longTerm, now);
                done(c, row, "suspend", SUSPENDED, (longTerm ? "挂账：" : "缓办：") + reason, List.of(), now);
            }
            case "resume" -> {
                role(c, DISPATCHER, "恢复办理");
                state(e, "恢复办理", SUSPENDED);
                CityEventState back = CityEventState.valueOf(row.suspendedFrom());
                Instant deadline = e.deadline();
                if (deadline != null && row.suspendedAt() != null) { // the clock stood still while suspended
                    Duration paused = calendar.workingTimeBetween(row.suspendedAt(), now);
                    deadline = calendar.addWorkingHours(deadline, paused.isNegative() ? Duration.ZERO : paused);
                }
                store.update(id, "state = ?, suspended_from = null, suspended_at = null, long_term = false, deadline = ?, updated_at = ?",
                        back.name(), deadline, now);
                done(c, row, "resume", back, note(req.comment()), List.of(), now);
            }
            case "rate" -> {
                if (!c.accountId().equals(e.reporterAccountId())) {
                    throw ProblemException.forbidden("只有上报人可以评价", "Only the reporter can rate the event");
                }
                state(e, "评价", CLOSED);
                if (e.rating() != null) {
                    throw ProblemException.conflict("already-rated", "该事件已评价", "The event has already been rated");
                }
                if (req.rating() == null || req.rating() < 1 || req.rating() > 5) {
                    throw ProblemException.invalidField("rating", "应为 1 到 5", "must be 1 to 5");
                }
                store.update(id, "rating = ?, rating_comment = ?, updated_at = ?", req.rating(), req.comment(), now);
                store.history(id, c.accountId(), c.displayName(), "rate", CLOSED, CLOSED, req.rating() + "星" + note2(req.comment()), List.of(), now);
                audit.record("event.rate", "event:" + e.eventNo(), true, "rating=" + req.rating());
                events.publishEvent(new CityEventChanged(id, e.eventNo(), "rate", CLOSED, CLOSED, c.accountId(), now));
            }
            default -> throw ProblemException.notFound("操作", action);
        }
        return store.row(id).orElseThrow();
    }

    /** Merges a duplicate (重复案件) into another event; SUPERVISOR. */
    @Transactional
    public CityEventStore.Row merge(String id, String otherId) {
        Caller c = Callers.current();
        CityEventStore.Row row = store.rowForUpdate(id).filter(r -> visible(c, r.event()))
                .orElseThrow(() -> ProblemException.notFound("事件", id));
        CityEventStore.Row other = store.row(otherId).filter(r -> visible(c, r.event()))
                .orElseThrow(() -> ProblemException.notFound("事件", otherId));
        role(c, SUPERVISOR, "合并");
        state(row.event(), "合并", REPORTED, FILED);
        if (id.equals(otherId) || other.state() == MERGED || other.state() == REJECTED) {
            throw ProblemException.conflict("invalid-merge-target", "不能合并到该事件（同一事件、已合并或不予立案）",
                    "Cannot merge into that event (same event, merged or rejected)");
        }
        Instant now = Instant.now();
        store.update(id, "state = ?, merged_into = ?, closed_at = ?, updated_at = ?", MERGED.name(), otherId, now, now);
        done(c, row, "merge", MERGED, "合并至 " + other.event().eventNo(), List.of(), now);
        store.history(otherId, c.accountId(), c.displayName(), "merged-from", other.state(), other.state(),
                "合并 " + row.event().eventNo(), List.of(), now);
        return store.row(id).orElseThrow();
    }

    private void done(Caller c, CityEventStore.Row before, String action, CityEventState to, String comment, List<String> photos, Instant now) {
        CityEvent e = before.event();
        store.history(e.id(), c.accountId(), c.displayName(), action, e.state(), to, comment, photos, now);
        audit.record("event." + action, "event:" + e.eventNo(), true, e.state() + "→" + to + (comment == null ? "" : " " + comment));
        CityEvent after = store.find(e.id()).orElseThrow();
        notifyReporter(after, action, comment);
        events.publishEvent(new CityEventChanged(e.id(), e.eventNo(), action, e.state(), to, c.accountId(), now));
    }

    void notifyReporter(CityEvent e, String action, String note) {
        if (e.reporterAccountId().startsWith(OPEN311_REPORTER_PREFIX)) {
            return; // posted by another system through Open311: it polls requests/{id}, there is no inbox to notify
        }
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("eventNo", e.eventNo());
        vars.put("eventType", e.classCode() == null ? "待分类" : catalog.find(e.classCode()).map(EventClass::name).orElse(e.classCode()));
        vars.put("status", stateLabel(e.state()) + ("verify-fail".equals(action) ? "（返工）" : ""));
        if (note != null && !note.isBlank() && !"handle".equals(action)) {
            vars.put("note", note);
        }
        events.publishEvent(NotificationRequested.inApp("event.status-changed", List.of(e.reporterAccountId()), vars, "/portal/events"));
    }

    static String stateLabel(CityEventState s) {
        return switch (s) {
            case REPORTED -> "已受理";
            case FILED -> "已立案";
            case REJECTED -> "不予立案";
            case DISPATCHED -> "已派遣，处置中";
            case HANDLED -> "已处置，待核查";
            case CLOSED -> "已结案";
            case SUSPENDED -> "缓办";
            case MERGED -> "已合并";
        };
    }

    static String sourceLabel(String source) {
        return switch (source) {
            case "CITIZEN" -> "随手拍";
            case "PATROL" -> "网格员巡查";
            case "HOTLINE" -> "12345 热线";
            case "SENSOR" -> "物联感知";
            case "OPEN311" -> "Open311 接口";
            default -> "接口上报";
        };
    }

    private static void role(Caller c, String role, String what) {
        if (!c.hasRole(role)) {
            throw ProblemException.forbidden(what + "需要角色 " + role, "Role " + role + " is required to " + what);
        }
    }

    private static void handler(Caller c, CityEvent e, String what) {
        role(c, DEPT_HANDLER, what);
        if (e.departmentId() == null || !c.departmentIds().contains(e.departmentId())) {
            throw ProblemException.forbidden("只有处置部门（" + e.departmentId() + "）的人员可以" + what,
                    "Only officers of the handling department (" + e.departmentId() + ") may do this");
        }
    }

    private static void state(CityEvent e, String what, CityEventState... allowed) {
        for (CityEventState s : allowed) {
            if (e.state() == s) {
                return;
            }
        }
        List<String> names = java.util.Arrays.stream(allowed).map(s -> s.name() + " " + stateLabel(s)).toList();
        throw ProblemException.conflict("invalid-state", "事件当前状态为“" + stateLabel(e.state()) + "”，不能" + what + "（须为 " + names + "）",
                "The event is " + e.state() + "; " + what + " needs " + List.of(allowed));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "必填", "required");
        }
        if (value.length() > 1000) {
            throw ProblemException.invalidField(field, "不超过 1000 字", "at most 1000 characters");
        }
        return value.trim();
    }

    private static String note(String comment) {
        return comment == null || comment.isBlank() ? null : comment.trim();
    }

    private static String note2(String comment) {
        return comment == null || comment.isBlank() ? "" : "：" + comment.trim();
    }

    private static String amount(ActionRequest req) {
        List<FieldViolation> bad = new ArrayList<>();
        if (req.amount() == null || req.amount() < 1 || req.amount() > 365) {
            bad.add(new FieldViolation("amount", "应为 1 到 365", "must be 1 to 365"));
        }
        DeadlineUnit unit = null;
        try {
            unit = DeadlineUnit.valueOf(req.unit() == null ? "" : req.unit().trim().toUpperCase());
        } catch (IllegalArgumentException ex) {
            bad.add(new FieldViolation("unit", "应为 WORKING_HOURS 或 WORKING_DAYS", "must be WORKING_HOURS or WORKING_DAYS"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        return req.amount() + " " + unit.name();
    }

    private List<String> photos(Caller c, List<String> ids) {
        List<String> photos = ids == null ? List.of() : ids;
        List<FieldViolation> bad = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            if (photos.get(i) == null || !files.canRead(photos.get(i), c)) {
                bad.add(new FieldViolation("photos[" + i + "]", "照片不存在或无权使用", "photo not found or not yours"));
            }
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        return photos;
    }

    private String officerId(Caller c) {
        if (c.type() != CallerType.OFFICER) {
            return null;
        }
        return accounts.account(c.accountId()).map(AccountInfo::officerId).orElse(null);
    }

    Optional<String> accountOfOfficer(String officerId) {
        return accounts.accountOfOfficer(officerId).filter(AccountInfo::active).map(AccountInfo::id);
    }

    static ProblemException badRequest(String code, String zh, String en) {
        return new ProblemException(HttpStatus.BAD_REQUEST, code, zh, en);
    }
}
