package org.yiwang.applications.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.yiwang.evaluation.Evaluations;
import org.yiwang.files.FileService;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.payments.Payments;
import org.yiwang.services.ItemStatus;
import org.yiwang.services.Material;
import org.yiwang.services.ServiceCatalog;
import org.yiwang.services.ServiceItem;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Phone-friendly pages: apply for an item ({@code /portal/applications/new?item=}, its JSON Schema form and material
 * uploads), my applications with status and history ({@code /portal/applications}), the officers' workbench
 * ({@code /workbench/applications}: 待办 by role, department and region with SLA colours and 红黄牌; a case page with its
 * actions) and the flow admin page ({@code /admin/application-flows}).
 */
@Controller
class ApplicationPages {

    private final ApplicationService service;
    private final ServiceCatalog catalog;
    private final OrganizationDirectory directory;
    private final FileService files;
    private final FlowAdmin flows;
    private final Payments payments;
    private final Evaluations evaluations;

    ApplicationPages(ApplicationService service, ServiceCatalog catalog, OrganizationDirectory directory, FileService files, FlowAdmin flows,
                     Payments payments, Evaluations evaluations) {
        this.service = service;
        this.payments = payments;
        this.evaluations = evaluations;
        this.catalog = catalog;
        this.directory = directory;
        this.files = files;
        this.flows = flows;
    }

    /** A row of the lists. */
    record Row(ApplicationStore.Case a, String departmentName, String sla, long usedPercent) {
    }

    private Row row(ApplicationStore.Case a, Instant now) {
        ApplicationService.Sla sla = service.sla(a, now);
        return new Row(a, directory.department(a.departmentId()).map(Department::name).orElse(a.departmentId()),
                sla.colour().toLowerCase(), Math.round(sla.used() * 100));
    }

    // ------------------------------------------------------------------ portal

    @GetMapping("/portal/applications")
    String mine(Model model) {
        Instant now = Instant.now();
        model.addAttribute("rows", service.list(null, true, 200).stream().map(a -> row(a, now)).toList());
        return "applications/mine";
    }

    @GetMapping("/portal/applications/new")
    String applyForm(@RequestParam(name = "item") String itemId, Model model) {
        Callers.current();
        ServiceItem item = item(itemId);
        fillApply(model, item, Map.of(), List.of(), UUID.randomUUID().toString());
        return "applications/apply";
    }

    @PostMapping("/portal/applications")
    String apply(@RequestParam(name = "item") String itemId, @RequestParam Map<String, String> values,
                 MultipartHttpServletRequest request, Model model, RedirectAttributes redirect) {
        ServiceItem item = item(itemId);
        String key = values.getOrDefault("idempotencyKey", UUID.randomUUID().toString());
        try {
            List<ApplicationService.MaterialInput> materials = upload(request.getMultiFileMap(), item);
            ApplicationService.Submitted s = service.submit(new ApplicationService.SubmitRequest(item.id(),
                    FormFields.data(item.formSchema(), values), materials), key);
            redirect.addFlashAttribute("created", s.application().applicationNo());
            return "redirect:/portal/applications/" + s.application().id();
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.UNAUTHORIZED) {
                throw e;
            }
            fillApply(model, item, values, violations(e), key);
            return "applications/apply";
        }
    }

    private void fillApply(Model model, ServiceItem item, Map<String, String> values, List<FieldViolation> errors, String key) {
        model.addAttribute("item", item);
        model.addAttribute("fields", FormFields.of(item.formSchema()));
        model.addAttribute("materials", item.materials());
        model.addAttribute("values", values);
        Map<String, String> byField = new LinkedHashMap<>();
        boolean en = english();
        for (FieldViolation v : errors) {
            byField.merge(v.field().startsWith("form.") ? "f." + v.field().substring(5) : v.field(), en ? v.messageEn() : v.messageZh(),
                    (x, y) -> x + "；" + y);
        }
        model.addAttribute("errors", byField);
        model.addAttribute("idempotencyKey", key);
    }

    /** Stores uploaded material files ({@code m.<index>} inputs) as the caller, in the order of the item's materials. */
    private List<ApplicationService.MaterialInput> upload(MultiValueMap<String, MultipartFile> uploads, ServiceItem item) {
        List<ApplicationService.MaterialInput> out = new ArrayList<>();
        List<Material> materials = item.materials();
        for (int i = 0; i < materials.size(); i++) {
            List<MultipartFile> list = uploads.get("m." + i);
            if (list == null) {
                continue;
            }
            for (MultipartFile f : list) {
                if (f == null || f.isEmpty()) {
                    continue;
                }
                try {
                    String id = files.store(f.getOriginalFilename() == null ? "material" : f.getOriginalFilename(), "application-material",
                            f.getInputStream()).id();
                    out.add(new ApplicationService.MaterialInput(id, materials.get(i).name()));
                } catch (IOException e) {
                    throw ProblemException.invalidField("m." + i, "无法读取上传的文件", "cannot read the uploaded file");
                }
            }
        }
        return out;
    }

    @GetMapping("/portal/applications/{id}")
    String myCase(@PathVariable String id, Model model) {
        ApplicationStore.Case a = service.get(id);
        Caller c = Callers.current();
        if (!c.accountId().equals(a.applicantAccountId())) {
            return "redirect:/workbench/applications/" + a.id();
        }
        fillCase(model, a, c);
        catalog.version(a.itemId()).ifPresent(item -> {
            model.addAttribute("item", item);
            model.addAttribute("materialsOfItem", item.materials());
        });
        return "applications/case";
    }

    @PostMapping("/portal/applications/{id}/supplement")
    String supplement(@PathVariable String id, @RequestParam(required = false) String comment, MultipartHttpServletRequest request,
                      RedirectAttributes redirect) {
        ApplicationStore.Case a = service.get(id);
        ServiceItem item = catalog.version(a.itemId()).orElseThrow();
        try {
            List<ApplicationService.MaterialInput> materials = upload(request.getMultiFileMap(), item);
            service.act(id, "supplement", new ApplicationService.ActionRequest(blank(comment), null, null, null, materials));
            redirect.addFlashAttribute("done", ApplicationService.label("supplement"));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/portal/applications/" + id;
    }

    // ------------------------------------------------------------------ workbench

    @GetMapping("/workbench/applications")
    String inbox(@RequestParam(required = false, defaultValue = "inbox") String view, Model model) {
        Caller c = staff();
        Instant now = Instant.now();
        List<ApplicationStore.Case> cases = "all".equals(view) ? service.list(null, false, 300) : service.inbox(300);
        model.addAttribute("view", "all".equals(view) ? "all" : "inbox");
        model.addAttribute("rows", cases.stream().map(a -> row(a, now)).toList());
        model.addAttribute("roles", c.roles());
        model.addAttribute("yellowPercent", Math.round(service.yellowFraction() * 100));
        return "applications/inbox";
    }

    @GetMapping("/workbench/applications/{id}")
    String officerCase(@PathVariable String id, Model model) {
        Caller c = staff();
        ApplicationStore.Case a = service.get(id);
        fillCase(model, a, c);
        model.addAttribute("form", service.formFor(a));
        catalog.version(a.itemId()).ifPresent(item -> model.addAttribute("fields", FormFields.of(item.formSchema())));
        return "applications/workbench-case";
    }

    @PostMapping("/workbench/applications/{id}/{action}")
    String act(@PathVariable String id, @PathVariable String action, @RequestParam(required = false) String comment,
               @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        staff();
        try {
            ApplicationStore.Case a = service.act(id, action, new ApplicationService.ActionRequest(blank(comment), blank(reason), null, null, null));
            redirect.addFlashAttribute("done", a.applicationNo() + " · " + ApplicationService.label(action) + " → "
                    + (english() ? a.state().en() : a.state().zh()));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/workbench/applications/" + id;
    }

    private void fillCase(Model model, ApplicationStore.Case a, Caller c) {
        Instant now = Instant.now();
        model.addAttribute("row", row(a, now));
        model.addAttribute("a", a);
        model.addAttribute("history", service.history(a.id()));
        model.addAttribute("materials", service.materials(a.id()));
        model.addAttribute("actions", service.actions(c, a));
        model.addAttribute("bills", payments.bills(a.id()));
        model.addAttribute("evaluation", evaluations.find("application", a.id()).orElse(null));
    }

    // ------------------------------------------------------------------ admin

    @GetMapping("/admin/application-flows")
    String flowsPage(Model model) {
        Callers.require(FlowAdmin.MANAGE);
        model.addAttribute("flows", flows.flows());
        model.addAttribute("items", catalog.publishedItems());
        return "applications/flows";
    }

    @PostMapping("/admin/application-flows")
    String deploy(@RequestParam(required = false) String itemId, @RequestParam(required = false) MultipartFile file,
                  RedirectAttributes redirect) {
        try {
            ApplicationFlow.FlowRecord r = flows.deploy(itemId, null, file == null ? null : file.getOriginalFilename(), FlowAdmin.bytes(file));
            redirect.addFlashAttribute("done", r.itemCode() + " v" + r.itemVersion() + " → " + r.processDefinitionId());
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.UNAUTHORIZED) {
                throw e;
            }
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/admin/application-flows";
    }

    /** The default flow's BPMN, a starting point for an item's own flow. */
    @GetMapping(value = "/admin/application-flows/default.bpmn20.xml", produces = "application/xml")
    @org.springframework.web.bind.annotation.ResponseBody
    byte[] defaultFlow() throws IOException {
        Callers.require(FlowAdmin.MANAGE);
        try (var in = new org.springframework.core.io.ClassPathResource(ApplicationFlow.DEFAULT_RESOURCE).getInputStream()) {
            return in.readAllBytes();
        }
    }

    // ------------------------------------------------------------------ helpers

    private ServiceItem item(String itemId) {
        return catalog.version(itemId).or(() -> catalog.published(itemId)).filter(i -> i.status() == ItemStatus.PUBLISHED)
                .orElseThrow(() -> ProblemException.notFound("事项", itemId));
    }

    private static Caller staff() {
        Caller c = Callers.current();
        if (c.type() != CallerType.OFFICER && c.type() != CallerType.ADMIN) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return c;
    }

    private static boolean english() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage());
    }

    private static List<FieldViolation> violations(ProblemException e) {
        return e.violations().isEmpty() ? List.of(new FieldViolation("", e.messageZh(), e.messageEn())) : e.violations();
    }

    /** The problem's message in the page's language, with the fields it names. */
    static String message(ProblemException e) {
        boolean en = english();
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
