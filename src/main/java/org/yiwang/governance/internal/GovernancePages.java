package org.yiwang.governance.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import org.yiwang.governance.EventClass;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** Admin screens: grids on a Leaflet map with import, and the event catalog with its edit form. */
@Controller
@RequestMapping("/admin/governance")
class GovernancePages {

    private final GridService grids;
    private final GridStore store;
    private final EventCatalogService catalog;
    private final OrganizationDirectory directory;
    private final String tileUrl;

    GovernancePages(GridService grids, GridStore store, EventCatalogService catalog, OrganizationDirectory directory,
                    @Value("${yiwang.map.tile-url:https://tile.openstreetmap.org/{z}/{x}/{y}.png}") String tileUrl) {
        this.grids = grids;
        this.store = store;
        this.catalog = catalog;
        this.directory = directory;
        this.tileUrl = tileUrl;
    }

    /** Officer id → name for every grid worker in the collection, so the page shows people, not ids. */
    @SuppressWarnings("unchecked")
    private Map<String, String> workerNames(Map<String, Object> featureCollection) {
        Map<String, String> names = new java.util.HashMap<>();
        for (Object f : (java.util.List<Object>) featureCollection.get("features")) {
            Object workers = ((Map<String, Object>) ((Map<String, Object>) f).get("properties")).get("workers");
            if (workers instanceof java.util.Collection<?> ids) {
                ids.forEach(id -> names.computeIfAbsent(String.valueOf(id),
                        k -> directory.officer(k).map(org.yiwang.organization.Officer::name).orElse(k)));
            }
        }
        return names;
    }

    @GetMapping("/grids")
    String grids(Model model) {
        Caller c = requireAny(GridService.READ, GridService.MANAGE);
        if (!c.isOfficerOrAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Map<String, Object> fc = grids.exportGeoJson(null);
        model.addAttribute("geojson", fc);
        model.addAttribute("features", fc.get("features"));
        model.addAttribute("tileUrl", tileUrl);
        model.addAttribute("canImport", c.can(GridService.MANAGE));
        model.addAttribute("workerNames", workerNames(fc));
        return "governance/grids";
    }

    @PostMapping("/grids/import")
    String importGrids(@RequestParam(required = false) MultipartFile file, @RequestHeader(name = "HX-Request", required = false) String htmx,
                       Model model) {
        requireAny(GridService.MANAGE);
        try {
            model.addAttribute("result", grids.importGrids(ImportUploads.bytes(file)));
        } catch (ProblemException e) {
            model.addAttribute("problem", e);
        }
        if (htmx != null) {
            return "governance/grids :: result";
        }
        return grids(model);
    }

    /** A class row with its rules' text. */
    record ClassRow(EventClass eventClass, List<String> rules) {
    }

    @GetMapping("/catalog")
    String catalog(Model model) {
        Caller c = requireAny(GridService.READ, EventCatalogService.MANAGE);
        Map<String, String> names = new LinkedHashMap<>();
        directory.departments().forEach(d -> names.put(d.id(), d.name()));
        model.addAttribute("rows", catalog.list().stream().map(e -> new ClassRow(e, catalog.rules(e.code()).stream()
                .map(r -> r.regionCode() != null ? r.regionCode() + " → " + names.getOrDefault(r.departmentId(), r.departmentId())
                        : r.regionLevel() + " → " + r.departmentType()).toList())).toList());
        model.addAttribute("canEdit", c.can(EventCatalogService.MANAGE));
        return "governance/catalog";
    }

    @GetMapping("/catalog/{code}")
    String edit(@PathVariable String code, Model model) {
        requireAny(EventCatalogService.MANAGE);
        model.addAttribute("c", catalog.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "governance/catalog-edit";
    }

    @PostMapping("/catalog/{code}")
    String save(@PathVariable String code, @RequestParam Map<String, String> form, Model model) {
        requireAny(EventCatalogService.MANAGE);
        Integer amount = null;
        try {
            amount = Integer.valueOf(form.getOrDefault("deadlineAmount", "").trim());
        } catch (NumberFormatException e) {
            amount = -1;
        }
        try {
            catalog.put(code, new EventCatalogService.ClassEdit(form.get("name"), form.get("filingCondition"), amount, form.get("deadlineUnit"),
                    form.get("closingCondition"), form.containsKey("active")));
            return "redirect:/admin/governance/catalog";
        } catch (ProblemException e) {
            model.addAttribute("problem", e);
            model.addAttribute("c", catalog.find(code).orElse(null));
            return "governance/catalog-edit";
        }
    }

    static Caller requireAny(String... permissions) {
        Caller c = Callers.find().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        if (Arrays.stream(permissions).noneMatch(c::can)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return c;
    }
}
