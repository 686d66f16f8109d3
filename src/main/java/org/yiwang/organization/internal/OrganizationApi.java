package org.yiwang.organization.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import org.yiwang.organization.Assignment;
import org.yiwang.organization.Department;
import org.yiwang.organization.Officer;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/**
 * REST API of the organization: regions (public read), departments and officers (signed-in read), and the
 * admin imports (CSV file, JSON file or JSON/CSV body).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Organization 组织体系", description = "Regions (区划), departments (委办局), officers (工作人员)")
class OrganizationApi {

    private final JdbcOrganizationDirectory directory;
    private final OrganizationImportService imports;

    OrganizationApi(JdbcOrganizationDirectory directory, OrganizationImportService imports) {
        this.directory = directory;
        this.imports = imports;
    }

    /** A region as the API shows it. */
    record RegionView(String code, String name, RegionLevel level, String parentCode, String divisionCode) {
        static RegionView of(Region r) {
            return new RegionView(r.code(), r.name(), r.level(), r.parentCode(), r.divisionCode());
        }
    }

    /** An officer with assignments and reporting line. */
    record OfficerView(String id, String name, String employeeNo, boolean active, String reportingToId,
                       String reportingToEmployeeNo, List<Assignment> assignments) {
    }

    @GetMapping("/regions")
    @Operation(summary = "List regions (区划), optionally the children of one region or one level")
    List<RegionView> regions(@RequestParam(required = false) String parentCode, @RequestParam(required = false) String level) {
        RegionLevel wanted = level == null || level.isBlank() ? null : parseLevel(level);
        List<Region> source = parentCode == null || parentCode.isBlank() ? directory.regions() : directory.children(parentCode.trim());
        return source.stream().filter(r -> wanted == null || r.level() == wanted).map(RegionView::of).toList();
    }

    @GetMapping("/regions/{code}")
    RegionView region(@PathVariable String code) {
        return directory.region(code).map(RegionView::of).orElseThrow(() -> ProblemException.notFound("区划 region", code));
    }

    @GetMapping("/departments")
    List<Department> departments(@RequestParam(required = false) String regionCode) {
        Callers.current();
        return directory.departments().stream().filter(d -> regionCode == null || regionCode.isBlank() || d.regionCode().equals(regionCode.trim()))
                .toList();
    }

    @GetMapping("/departments/{id}")
    Department department(@PathVariable String id) {
        Callers.current();
        return directory.department(id).orElseThrow(() -> ProblemException.notFound("部门 department", id));
    }

    @GetMapping("/officers")
    List<OfficerView> officers(@RequestParam(required = false) String departmentId) {
        requireStaff();
        List<Officer> officers = directory.officers();
        Map<String, List<Assignment>> assignments = directory.assignmentsByOfficer(officers.stream().map(Officer::id).toList());
        Map<String, String> employeeNos = officers.stream().collect(java.util.stream.Collectors.toMap(Officer::id, Officer::employeeNo));
        return officers.stream()
                .map(o -> view(o, assignments.getOrDefault(o.id(), List.of()), employeeNos.get(o.reportingToId())))
                .filter(v -> departmentId == null || departmentId.isBlank()
                        || v.assignments().stream().anyMatch(a -> a.departmentId().equals(departmentId.trim())))
                .toList();
    }

    @GetMapping("/officers/{id}")
    OfficerView officer(@PathVariable String id) {
        requireStaff();
        Officer o = directory.officer(id).or(() -> directory.officerByEmployeeNo(id))
                .orElseThrow(() -> ProblemException.notFound("工作人员 officer", id));
        return view(o, directory.assignments(o.id()), directory.officer(o.reportingToId()).map(Officer::employeeNo).orElse(null));
    }

    private static OfficerView view(Officer o, List<Assignment> assignments, String bossNo) {
        List<Assignment> sorted = assignments.stream()
                .sorted(Comparator.comparing(Assignment::departmentId).thenComparing(Assignment::regionCode)).toList();
        return new OfficerView(o.id(), o.name(), o.employeeNo(), o.active(), o.reportingToId(), bossNo, sorted);
    }

    private static void requireStaff() {
        Caller c = Callers.current();
        if (!c.isOfficerOrAdmin()) {
            throw ProblemException.forbidden("仅工作人员可查看", "Only officers and administrators may see this");
        }
    }

    // ---------------------------------------------------------------- imports

    @PostMapping(path = "/admin/regions/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import regions from a CSV or JSON file (all rows validated; nothing written on any error)")
    ImportResult importRegions(@RequestPart("file") MultipartFile file) {
        Callers.require(OrganizationImportService.REGION_MANAGE);
        return imports.importRegions(ImportUploads.rows(file, OrganizationImportService.REGION_FIELDS));
    }

    @PostMapping(path = "/admin/regions/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ImportResult importRegionsBody(@RequestBody byte[] body, @RequestHeader("Content-Type") String contentType) {
        Callers.require(OrganizationImportService.REGION_MANAGE);
        return imports.importRegions(ImportUploads.rows(body, contentType, OrganizationImportService.REGION_FIELDS));
    }

    @PostMapping(path = "/admin/departments/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import departments (委办局) from a CSV or JSON file")
    ImportResult importDepartments(@RequestPart("file") MultipartFile file) {
        Callers.require(OrganizationImportService.DEPARTMENT_MANAGE);
        return imports.importDepartments(ImportUploads.rows(file, OrganizationImportService.DEPARTMENT_FIELDS));
    }

    @PostMapping(path = "/admin/departments/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ImportResult importDepartmentsBody(@RequestBody byte[] body, @RequestHeader("Content-Type") String contentType) {
        Callers.require(OrganizationImportService.DEPARTMENT_MANAGE);
        return imports.importDepartments(ImportUploads.rows(body, contentType, OrganizationImportService.DEPARTMENT_FIELDS));
    }

    @PostMapping(path = "/admin/officers/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import officers with assignments and reporting lines from a CSV or JSON file")
    ImportResult importOfficers(@RequestPart("file") MultipartFile file) {
        Callers.require(OrganizationImportService.OFFICER_MANAGE);
        return imports.importOfficers(ImportUploads.rows(file, OrganizationImportService.OFFICER_FIELDS));
    }

    @PostMapping(path = "/admin/officers/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ImportResult importOfficersBody(@RequestBody byte[] body, @RequestHeader("Content-Type") String contentType) {
        Callers.require(OrganizationImportService.OFFICER_MANAGE);
        return imports.importOfficers(ImportUploads.rows(body, contentType, OrganizationImportService.OFFICER_FIELDS));
    }

    private static RegionLevel parseLevel(String level) {
        try {
            return RegionLevel.valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("level", "应为 CITY、DISTRICT、STREET 或 COMMUNITY", "must be CITY, DISTRICT, STREET or COMMUNITY");
        }
    }
}
