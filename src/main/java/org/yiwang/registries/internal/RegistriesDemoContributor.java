package org.yiwang.registries.internal;

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
 * The demo city's population (23 persons over the eight communities, with the fixed demo identities) and
 * legal entities (10, with 示例科技有限公司 and 西山农产品经营部), from {@code demo/registries/*.csv}, through
 * the real import service as the system caller.
 */
@Component
class RegistriesDemoContributor implements DemoContributor {

    private final RegistryImportService imports;

    RegistriesDemoContributor(RegistryImportService imports) {
        this.imports = imports;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public String name() {
        return "registries (persons, legal entities)";
    }

    @Override
    public void load() {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        Callers.CallerAware principal = () -> Caller.SYSTEM;
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            imports.importPersons(rows("demo/registries/persons.csv", RegistryImportService.PERSON_FIELDS));
            imports.importLegalEntities(rows("demo/registries/legal-entities.csv", RegistryImportService.ENTITY_FIELDS));
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private static List<ImportRows.Row> rows(String resource, Map<String, List<String>> fields) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return ImportRows.parse(in.readAllBytes(), ImportRows.Format.CSV, fields);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
