package org.yiwang.organization.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import org.yiwang.organization.Assignment;
import org.yiwang.organization.Department;
import org.yiwang.organization.Officer;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** Admin screens of the organization (组织体系): region tree, departments, officers, imports. */
@Controller
@RequestMapping("/admin/organization")
class OrganizationAdminPages {

    private final JdbcOrganizationDirectory directory;
    private final OrganizationImportService imports;

    OrganizationAdminPages(JdbcOrganizationDirectory directory, OrganizationImportService imports) {
        this.directory = directory;
        this.imports = imports;
    }

    /** A region with its sub-regions, for the tree. */
    record RegionNode(Region region, List<RegionNode> children, long departments) {
    }

    /** An officer row of the list. */
    record OfficerRow(Officer officer, String reportingToName, List<AssignmentRow> assignments) {
    }

    /** An assignment with its roles in the standard order. */
    record AssignmentRow(String departmentId, String regionCode, List<String> roles) {
        static AssignmentRow of(Assignment a) {
            return new AssignmentRow(a.departmentId(), a.regionCode(),
                    org.yiwang.organization.Roles.ORDERED.stream().filter(a.roles()::contains).toList());
        }
    }

    /** One import kind of the import form. */
    record ImportKind(String code, String permission) {
    }

    static final List<ImportKind> KINDS = List.of(new ImportKind("regions", OrganizationImportService.REGION_MANAGE),
            new ImportKind("departments", OrganizationImportService.DEPARTMENT_MANAGE),
            new ImportKind("officers", OrganizationImportService.OFFICER_MANAGE));

    @GetMapping
    String overview(Model model) {
        Caller c = requireAny(OrganizationImportService.REGION_MANAGE, OrganizationImportService.DEPARTMENT_MANAGE,
                OrganizationImportService.OFFICER_MANAGE, "region:read");
        model.addAttribute("regionCount", directory.regions().size());
        model.addAttribute("departmentCount", directory.departments().size());
        model.addAttribute("officerCount", directory.officers().size());
        model.addAttribute("kinds", KINDS.stream().filter(k -> c.can(k.permission())).toList());
        return "organization/overview";
    }

    @GetMapping("/regions")
    String regions(Model model) {
        requireAny("region:read", OrganizationImportService.REGION_MANAGE);
        List<Region> all = directory.regions();
        Map<String, Long> departmentsByRegion = new LinkedHashMap<>();
        directory.departments().forEach(d -> departmentsByRegion.merge(d.regionCode(), 1L, Long::sum));
        Map<String, List<Region>> byParent = new LinkedHashMap<>();
        all.forEach(r -> byParent.computeIfAbsent(r.parentCode() == null ? "" : r.parentCode(), k -> new ArrayList<>()).add(r));
        List<RegionNode> roots = byParent.getOrDefault("", List.of()).stream().map(r -> node(r, byParent, departmentsByRegion)).toList();
        model.addAttribute("roots", roots);
        model.addAttribute("total", all.size());
        return "organization/regions";
    }

    private static RegionNode node(Region r, Map<String, List<Region>> byParent, Map<String, Long> departments) {
        return new RegionNode(r, byParent.getOrDefault(r.code(), List.of()).stream().map(c -> node(c, byParent, departments)).toList(),
                departments.getOrDefault(r.code(), 0L));
    }

    @GetMapping("/departments")
    String departments(@RequestParam(required = false) String regionCode, Model model) {
        requireAny(OrganizationImportService.DEPARTMENT_MANAGE);
        Map<String, String> regionNames = new LinkedHashMap<>();
        directory.regions().forEach(r -> regionNames.put(r.code(), r.name()));
        Map<String, String> departmentNames = new LinkedHashMap<>();
        List<Department> all = directory.departments();
        all.forEach(d -> departmentNames.put(d.id(), d.name()));
        model.addAttribute("departments", all.stream()
                .filter(d -> regionCode == null || regionCode.isBlank() || d.regionCode().equals(regionCode)).toList());
        model.addAttribute("regionNames", regionNames);
        model.addAttribute("departmentNames", departmentNames);
        model.addAttribute("regionCode", regionCode);
        model.addAttribute("regionsWithDepartments", directory.regions().stream()
                .filter(r -> r.level() != RegionLevel.COMMUNITY).toList());
        return "organization/departments";
    }

    @GetMapping("/officers")
    String officers(@RequestParam(required = false) String departmentId, Model model) {
        requireAny(OrganizationImportService.OFFICER_MANAGE);
        List<Officer> officers = directory.officers();
        Map<String, List<Assignment>> assignments = directory.assignmentsByOfficer(officers.stream().map(Officer::id).toList());
        Map<String, String> names = new LinkedHashMap<>();
        officers.forEach(o -> names.put(o.id(), o.name()));
        List<OfficerRow> rows = officers.stream()
                .map(o -> new OfficerRow(o, names.get(o.reportingToId()), assignments.getOrDefault(o.id(), List.of()).stream()
                        .sorted(Comparator.comparing(Assignment::departmentId).thenComparing(Assignment::regionCode))
                        .map(AssignmentRow::of).toList()))
                .filter(r -> departmentId == null || departmentId.isBlank()
                        || r.assignments().stream().anyMatch(a -> a.departmentId().equals(departmentId)))
                .toList();
        Map<String, String> departmentNames = new LinkedHashMap<>();
        directory.departments().forEach(d -> departmentNames.put(d.id(), d.name()));
        Map<String, String> regionNames = new LinkedHashMap<>();
        directory.regions().forEach(r -> regionNames.put(r.code(), r.name()));
        model.addAttribute("rows", rows);
        model.addAttribute("departmentNames", departmentNames);
        model.addAttribute("regionNames", regionNames);
        model.addAttribute("departmentId", departmentId);
        return "organization/officers";
    }

    @GetMapping("/import")
    String importForm(@RequestParam(required = false) String kind, Model model) {
        Caller c = requireAny(KINDS.stream().map(ImportKind::permission).toArray(String[]::new));
        model.addAttribute("kinds", KINDS.stream().filter(k -> c.can(k.permission())).toList());
        model.addAttribute("kind", kind);
        return "organization/import";
    }

    @PostMapping("/import")
    String importFile(@RequestParam String kind, @RequestParam(required = false) MultipartFile file,
                      @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        ImportKind k = KINDS.stream().filter(x -> x.code().equals(kind)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        Caller c = requireAny(k.permission());
        model.addAttribute("kinds", KINDS.stream().filter(x -> c.can(x.permission())).toList());
        model.addAttribute("kind", kind);
        try {
            ImportResult result = switch (kind) {
                case "regions" -> imports.importRegions(ImportUploads.rows(file, OrganizationImportService.REGION_FIELDS));
                case "departments" -> imports.importDepartments(ImportUploads.rows(file, OrganizationImportService.DEPARTMENT_FIELDS));
                default -> imports.importOfficers(ImportUploads.rows(file, OrganizationImportService.OFFICER_FIELDS));
            };
            model.addAttribute("result", result);
        } catch (ProblemException e) {
            model.addAttribute("problem", e);
        }
        return htmx != null ? "organization/import :: result" : "organization/import";
    }

    /** The signed-in caller when it holds at least one of the permissions; else 401/403. */
    static Caller requireAny(String... permissions) {
        Caller c = Callers.find().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        if (Arrays.stream(permissions).noneMatch(c::can)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return c;
    }
}
