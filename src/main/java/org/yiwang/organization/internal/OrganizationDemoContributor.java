package org.yiwang.organization.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import org.yiwang.shared.demo.DemoContributor;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;

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
        asSystem(() -> {
            imports.importRegions(rows("demo/organization/regions.csv", OrganizationImportService.REGION_FIELDS));
            imports.importDepartments(rows("demo/organization/departments.csv", OrganizationImportService.DEPARTMENT_FIELDS));
            imports.importOfficers(rows("demo/organization/officers.csv", OrganizationImportService.OFFICER_FIELDS));
        });
    }

    static List<ImportRows.Row> rows(String resource, Map<String, List<String>> fields) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return ImportRows.parse(in.readAllBytes(), ImportRows.Format.CSV, fields);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Runs {@code work} with the system caller in the security context (restoring the previous one). */
    static void asSystem(Runnable work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        Callers.CallerAware principal = () -> Caller.SYSTEM;
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
