package org.yiwang.organization.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.yiwang.shared.demo.DemoContributor;
import org.yiwang.shared.imports.ImportRows;

/**
 * The demo city's (示例市) regions, departments and officers, from {@code demo/organization/*.csv}, loaded
 * through the real import service as the system caller.
 */
@Component
class OrganizationDemoContributor implements DemoContributor {

    private final OrganizationImportService imports;

    OrganizationDemoContributor(OrganizationImportService imports) {
        this.imports = imports;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String name() {
        return "organization (regions, departments, officers)";
    }

    @Override
    public void load() {
        imports.importRegions(rows("demo/organization/regions.csv", OrganizationImportService.REGION_FIELDS));
        imports.importDepartments(rows("demo/organization/departments.csv", OrganizationImportService.DEPARTMENT_FIELDS));
        imports.importOfficers(rows("demo/organization/officers.csv", OrganizationImportService.OFFICER_FIELDS));
    }

    private static List<ImportRows.Row> rows(String resource, Map<String, List<String>> fields) {
        return ImportRows.parse(DemoContributor.resource(resource), ImportRows.Format.CSV, fields);
    }
}
