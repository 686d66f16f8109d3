package org.yiwang.services.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

import org.yiwang.services.CatalogQuery;
import org.yiwang.services.ItemStatus;
import org.yiwang.services.ServiceItem;
import org.yiwang.services.ServiceZone;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/**
 * Web pages: the public 办事指南 ({@code /services}: search, zones, results; {@code /services/{id}}: the guide
 * with an online form preview) and the modest admin list {@code /admin/services} (edit basic fields, publish,
 * retire).
 */
@Controller
class ServicesPages {

    private final CatalogService catalog;

    ServicesPages(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/services")
    String index(@RequestParam(required = false) String q, @RequestParam(required = false) String zone, Model model) {
        CatalogQuery query = ServicesApi.query(q, zone, null, null, 50);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("zone", query.zone());
        model.addAttribute("zones", ServiceZone.values());
        model.addAttribute("hits", catalog.search(query));
        return "services/index";
    }

    @GetMapping("/services/{id}")
    String item(@PathVariable String id, Model model) {
        ServiceItem item = ServicesApi.visible(catalog, id);
        fill(model, item, Map.of(), Map.of(), false);
        return "services/item";
    }

    /** 在线填报预览: validates the filled form against the schema and shows the field errors (nothing is stored). */
    @PostMapping("/services/{id}/preview")
    String preview(@PathVariable String id, @RequestParam Map<String, String> values, Model model) {
        ServiceItem item = ServicesApi.visible(catalog, id);
        Map<String, Object> data = FormSchemas.fromWebForm(item.formSchema(), values);
        Map<String, String> errors = catalog.validateForm(item.id(), data);
        fill(model, item, values, errors, errors.isEmpty());
        return "services/item";
    }

    private void fill(Model model, ServiceItem item, Map<String, String> values, Map<String, String> errors, boolean valid) {
        model.addAttribute("item", item);
        model.addAttribute("fields", FormSchemas.fields(item.formSchema()));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("checked", !values.isEmpty());
        model.addAttribute("valid", valid);
        model.addAttribute("sameItem", catalog.byBasicCode(item.basicCode()).stream()
                .filter(o -> !o.implementationCode().equals(item.implementationCode())).toList());
    }

    // ---- admin ----

    @GetMapping("/admin/services")
    String admin(Model model) {
        Callers.require(CatalogService.MANAGE);
        model.addAttribute("items", catalog.latestVersions());
        return "services/admin";
    }

    @GetMapping("/admin/services/{id}")
    String edit(@PathVariable String id, Model model) {
        Callers.require(CatalogService.MANAGE);
        model.addAttribute("item", catalog.version(id).orElseThrow(() -> ProblemException.notFound("事项", id)));
        model.addAttribute("violations", List.of());
        return "services/edit";
    }

    /** Saves the basic fields: into the draft, or as a new draft version of a published item. */
    @PostMapping("/admin/services/{id}")
    String save(@PathVariable String id, @RequestParam String name, @RequestParam String legalBasis,
                @RequestParam int statutoryDays, @RequestParam int promisedDays, @RequestParam(defaultValue = "") String keywords,
                @RequestParam(defaultValue = "") String synonyms, Model model, RedirectAttributes redirect) {
        Callers.require(CatalogService.MANAGE);
        ServiceItem item = catalog.version(id).orElseThrow(() -> ProblemException.notFound("事项", id));
        ObjectNode body = (ObjectNode) ItemStore.JSON.valueToTree(ItemView.of(item));
        body.put("name", name);
        body.put("legalBasis", legalBasis);
        body.put("statutoryDays", statutoryDays);
        body.put("promisedDays", promisedDays);
        body.set("keywords", ItemStore.JSON.valueToTree(split(keywords)));
        body.set("synonyms", ItemStore.JSON.valueToTree(split(synonyms)));
        body.set("zones", ItemStore.JSON.valueToTree(item.zones().stream().map(Enum::name).toList()));
        for (String extra : List.of("id", "version", "status", "typeName", "level", "departmentName", "handlingTypeName", "free", "publishedAt")) {
            body.remove(extra);
        }
        try {
            ServiceItem saved = item.status() == ItemStatus.DRAFT ? catalog.update(id, body) : catalog.newVersion(id, body);
            redirect.addFlashAttribute("message", saved.name() + " v" + saved.version());
            return "redirect:/admin/services";
        } catch (ProblemException e) {
            model.addAttribute("item", item);
            model.addAttribute("violations", e.violations().isEmpty()
                    ? List.of(new org.yiwang.shared.web.FieldViolation("", e.messageZh(), e.messageEn())) : e.violations());
            return "services/edit";
        }
    }

    @PostMapping("/admin/services/{id}/publish")
    String publish(@PathVariable String id, RedirectAttributes redirect) {
        return act(() -> catalog.publish(id), redirect);
    }

    @PostMapping("/admin/services/{id}/retire")
    String retire(@PathVariable String id, RedirectAttributes redirect) {
        return act(() -> catalog.retire(id), redirect);
    }

    private String act(java.util.function.Supplier<ServiceItem> action, RedirectAttributes redirect) {
        try {
            ServiceItem done = action.get();
            redirect.addFlashAttribute("message", done.name() + " v" + done.version() + " → " + done.status());
        } catch (ProblemException e) {
            if (e.status().value() == 403 || e.status().value() == 401) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.violations().isEmpty() ? e.messageZh()
                    : e.violations().stream().map(v -> v.messageZh()).reduce((a, b) -> a + "；" + b).orElse(""));
        }
        return "redirect:/admin/services";
    }

    private static List<String> split(String s) {
        return java.util.Arrays.stream(s.split("[,，、\\s]+")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}
