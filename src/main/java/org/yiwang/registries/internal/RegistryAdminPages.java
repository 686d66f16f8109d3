package org.yiwang.registries.internal;

import java.util.List;
import java.util.function.Supplier;

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

import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** Officer and admin screens of the base registries: search, lists, record pages and imports. */
@Controller
@RequestMapping("/admin/registries")
class RegistryAdminPages {

    static final int PAGE_SIZE = 20;

    private final RegistryQueries queries;
    private final RegistryImportService imports;
    private final OrganizationDirectory organization;

    RegistryAdminPages(RegistryQueries queries, RegistryImportService imports, OrganizationDirectory organization) {
        this.queries = queries;
        this.imports = imports;
        this.organization = organization;
    }

    @GetMapping
    String index(Model model) {
        Caller c = require(RegistryQueries.READ, RegistryImportService.IMPORT);
        model.addAttribute("canRead", c.can(RegistryQueries.READ));
        model.addAttribute("canImport", c.can(RegistryImportService.IMPORT));
        return "registries/index";
    }

    /** Search by ID number (POST: the number stays out of URLs and logs) or credit code. */
    @PostMapping("/search")
    String search(@RequestParam String kind, @RequestParam(defaultValue = "") String q,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Caller c = require(RegistryQueries.READ);
        model.addAttribute("canRead", true);
        model.addAttribute("canImport", c.can(RegistryImportService.IMPORT));
        model.addAttribute("kind", kind);
        model.addAttribute("searched", true);
        if (!q.isBlank()) {
            if ("legal-entity".equals(kind)) {
                model.addAttribute("entity", queries.legalEntityByCreditCode(q.trim()).orElse(null));
            } else {
                model.addAttribute("person", queries.personByIdNumber(q.trim()).orElse(null));
            }
        }
        return htmx != null ? "registries/index :: results" : "registries/index";
    }

    @GetMapping("/persons")
    String persons(@RequestParam(required = false) String regionCode, @RequestParam(defaultValue = "0") int page, Model model) {
        require(RegistryQueries.READ);
        int p = Math.max(page, 0);
        model.addAttribute("page", ui(() -> queries.persons(regionCode, p * PAGE_SIZE, PAGE_SIZE)));
        model.addAttribute("pageNo", p);
        model.addAttribute("regionCode", regionCode);
        model.addAttribute("regions", organization.regions());
        return "registries/persons";
    }

    @GetMapping("/persons/{id}")
    String person(@PathVariable String id, Model model) {
        require(RegistryQueries.READ);
        model.addAttribute("person", ui(() -> queries.person(id)));
        return "registries/person";
    }

    @GetMapping("/legal-entities")
    String legalEntities(@RequestParam(required = false) String regionCode, @RequestParam(defaultValue = "0") int page, Model model) {
        require(RegistryQueries.READ);
        int p = Math.max(page, 0);
        model.addAttribute("page", ui(() -> queries.legalEntities(regionCode, p * PAGE_SIZE, PAGE_SIZE)));
        model.addAttribute("pageNo", p);
        model.addAttribute("regionCode", regionCode);
        model.addAttribute("regions", organization.regions());
        return "registries/legal-entities";
    }

    @GetMapping("/legal-entities/{id}")
    String legalEntity(@PathVariable String id, Model model) {
        require(RegistryQueries.READ);
        model.addAttribute("entity", ui(() -> queries.legalEntity(id)));
        return "registries/legal-entity";
    }

    @GetMapping("/import")
    String importForm(@RequestParam(required = false) String kind, Model model) {
        require(RegistryImportService.IMPORT);
        model.addAttribute("kind", kind);
        return "registries/import";
    }

    @PostMapping("/import")
    String importFile(@RequestParam String kind, @RequestParam(required = false) MultipartFile file,
                      @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        require(RegistryImportService.IMPORT);
        model.addAttribute("kind", kind);
        try {
            ImportResult result = "legal-entities".equals(kind)
                    ? imports.importLegalEntities(RegistryApi.rows(file, RegistryImportService.ENTITY_FIELDS))
                    : imports.importPersons(RegistryApi.rows(file, RegistryImportService.PERSON_FIELDS));
            model.addAttribute("result", result);
        } catch (ProblemException e) {
            model.addAttribute("problem", e);
        }
        return htmx != null ? "registries/import :: result" : "registries/import";
    }

    /** The signed-in caller holding at least one of the permissions; else 401/403 (rendered by the error page). */
    static Caller require(String... anyOf) {
        Caller c = Callers.find().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        if (List.of(anyOf).stream().noneMatch(c::can)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return c;
    }

    /** Runs a query, turning its problems (404, 403) into the page's status. */
    static <T> T ui(Supplier<T> query) {
        try {
            return query.get();
        } catch (ProblemException e) {
            throw new ResponseStatusException(e.status());
        }
    }
}
