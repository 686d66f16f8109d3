package org.yiwang.governance.internal.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.governance.CityEvent;
import org.yiwang.governance.CityEventState;
import org.yiwang.governance.EventCatalog;
import org.yiwang.governance.EventClass;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/**
 * Phone-friendly pages: the citizen's 随手拍 form ({@code /portal/report}, Leaflet pin or the device position, photos
 * uploaded through {@code /api/v1/files}), the citizen's own reports with rating ({@code /portal/events}) and the
 * officers' events inbox ({@code /workbench/events}) by role with SLA colours and action buttons.
 */
@Controller
class CityEventPages {

    private final CityEventService service;
    private final EventCatalog catalog;
    private final OrganizationDirectory directory;
    private final WorkingCalendar calendar;
    private final String tileUrl;
    private final double yellowAt;
    private final double redAt;

    CityEventPages(CityEventService service, EventCatalog catalog, OrganizationDirectory directory, WorkingCalendar calendar,
                   @Value("${yiwang.map.tile-url:https://tile.openstreetmap.org/{z}/{x}/{y}.png}") String tileUrl,
                   @Value("${yiwang.governance.events.sla-yellow:0.5}") double yellowAt,
                   @Value("${yiwang.governance.events.sla-red:0.8}") double redAt) {
        this.service = service;
        this.catalog = catalog;
        this.directory = directory;
        this.calendar = calendar;
        this.tileUrl = tileUrl;
        this.yellowAt = yellowAt;
        this.redAt = redAt;
    }

    /** A row of the pages. */
    record Item(CityEvent event, String className, String departmentName, String sla, long usedPercent, String extensionPending) {
    }

    private Item item(CityEventStore.Row r, Instant now) {
        CityEvent e = r.event();
        String cls = e.classCode() == null ? null : catalog.find(e.classCode()).map(EventClass::name).orElse(e.classCode());
        String dept = e.departmentId() == null ? null : directory.department(e.departmentId()).map(Department::name).orElse(e.departmentId());
        String sla = null;
        long used = 0;
        if (e.dispatchedAt() != null && e.deadline() != null && (e.state() == CityEventState.DISPATCHED || e.state() == CityEventState.HANDLED)) {
            Duration total = calendar.workingTimeBetween(e.dispatchedAt(), e.deadline());
            Duration spent = calendar.workingTimeBetween(e.dispatchedAt(), now);
            double f = total.isZero() || total.isNegative() ? 1 : (double) spent.toMillis() / total.toMillis();
            used = Math.round(f * 100);
            sla = e.overdue() || !now.isBefore(e.deadline()) || f >= redAt ? "red" : f >= yellowAt ? "yellow" : "green";
        }
        return new Item(e, cls, dept, sla, used, r.extensionPending());
    }

    private List<EventClass> activeClasses() {
        return catalog.list().stream().filter(EventClass::active).toList();
    }

    // ------------------------------------------------------------------ citizen

    @GetMapping("/portal/report")
    String reportForm(Model model) {
        Callers.current();
        model.addAttribute("classes", activeClasses());
        model.addAttribute("tileUrl", tileUrl);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "governance/events/report";
    }

    @PostMapping("/portal/report")
    String report(@RequestParam(required = false) String description, @RequestParam(required = false) String classCode,
                  @RequestParam(required = false) String lon, @RequestParam(required = false) String lat,
                  @RequestParam(required = false) String photos, @RequestParam(required = false) String idempotencyKey,
                  Model model, RedirectAttributes redirect) {
        Caller c = Callers.current();
        try {
            List<String> photoIds = photos == null || photos.isBlank() ? List.of()
                    : Arrays.stream(photos.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            CityEventService.Reported r = service.report(new CityEventService.ReportRequest(
                    c.type() == CallerType.CITIZEN || c.type() == CallerType.ENTERPRISE ? "CITIZEN" : null,
                    classCode, description, number(lon), number(lat), photoIds, null), idempotencyKey);
            redirect.addFlashAttribute("created", r.row().event().eventNo());
            redirect.addFlashAttribute("duplicates", r.likelyDuplicates().size());
            return "redirect:/portal/events";
        } catch (ProblemException e) {
            model.addAttribute("problem", e);
            model.addAttribute("form", Map.of("description", description == null ? "" : description, "classCode",
                    classCode == null ? "" : classCode, "lon", lon == null ? "" : lon, "lat", lat == null ? "" : lat,
                    "photos", photos == null ? "" : photos));
            model.addAttribute("classes", activeClasses());
            model.addAttribute("tileUrl", tileUrl);
            model.addAttribute("idempotencyKey", idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey);
            return "governance/events/report";
        }
    }

    private static Double number(String v) {
        try {
            return v == null || v.isBlank() ? null : Double.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @GetMapping("/portal/events")
    String myEvents(Model model) {
        Instant now = Instant.now();
        model.addAttribute("items", service.list(null, null, null, null, null, null, true, 100).stream().map(r -> item(r, now)).toList());
        return "governance/events/mine";
    }

    @PostMapping("/portal/events/{id}/rate")
    String rate(@PathVariable String id, @RequestParam(required = false) Integer rating, @RequestParam(required = false) String comment,
                RedirectAttributes redirect) {
        try {
            service.act(id, "rate", new CityEventService.ActionRequest(null, comment, null, null, null, null, null, null, null, rating, null));
            redirect.addFlashAttribute("rated", true);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/portal/events";
    }

    // ------------------------------------------------------------------ officers

    @GetMapping("/workbench/events")
    String inbox(Model model) {
        Caller c = Callers.current();
        if (c.type() != CallerType.OFFICER && c.type() != CallerType.ADMIN) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Instant now = Instant.now();
        Map<String, List<Item>> sections = new LinkedHashMap<>();
        if (c.hasRole(CityEventService.SUPERVISOR)) {
            sections.put("toFile", items("REPORTED", null, now));
            sections.put("toVerify", items("HANDLED", null, now));
        }
        if (c.hasRole(CityEventService.DISPATCHER)) {
            sections.put("toDispatch", items("FILED", null, now));
            sections.put("running", items("DISPATCHED", null, now));
        }
        if (c.hasRole(CityEventService.DEPT_HANDLER)) {
            List<Item> mine = new ArrayList<>();
            for (String d : c.departmentIds()) {
                mine.addAll(items("DISPATCHED", d, now));
            }
            sections.put("toHandle", mine);
        }
        model.addAttribute("sections", sections);
        model.addAttribute("classes", activeClasses());
        model.addAttribute("departments", directory.departments());
        return "governance/events/inbox";
    }

    private List<Item> items(String state, String department, Instant now) {
        return service.list(state, null, null, null, null, department, false, 200).stream().map(r -> item(r, now)).toList();
    }

    @PostMapping("/workbench/events/{id}/{action:file|reject|dispatch|handle|verify|extend|approve-extension|suspend|resume}")
    String act(@PathVariable String id, @PathVariable String action, @RequestParam(required = false) String classCode,
               @RequestParam(required = false) String comment, @RequestParam(required = false) String reason,
               @RequestParam(required = false) String departmentId, @RequestParam(required = false) Boolean passed,
               @RequestParam(required = false) Integer amount, @RequestParam(required = false) String unit,
               @RequestParam(required = false) Boolean approved, RedirectAttributes redirect) {
        try {
            CityEventStore.Row r = service.act(id, action, new CityEventService.ActionRequest(blank(classCode), blank(comment), blank(reason),
                    blank(departmentId), null, passed, amount, blank(unit), approved, null, null));
            redirect.addFlashAttribute("done", r.event().eventNo() + " → " + CityEventService.stateLabel(r.state()));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/workbench/events";
    }

    /** The problem's message in the page's language, with the fields it names. */
    private static String message(ProblemException e) {
        boolean en = "en".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage());
        StringBuilder b = new StringBuilder(en ? e.messageEn() : e.messageZh());
        for (var v : e.violations()) {
            b.append(en ? "; " : "；").append(v.field()).append(en ? ": " : "：").append(en ? v.messageEn() : v.messageZh());
        }
        return b.toString();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
