package org.yiwang.registries.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.yiwang.shared.demo.DemoContributor;
import org.yiwang.shared.imports.ImportRows;

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
        imports.importPersons(rows("demo/registries/persons.csv", RegistryImportService.PERSON_FIELDS));
        imports.importLegalEntities(rows("demo/registries/legal-entities.csv", RegistryImportService.ENTITY_FIELDS));
    }

    private static List<ImportRows.Row> rows(String resource, Map<String, List<String>> fields) {
        return ImportRows.parse(DemoContributor.resource(resource), ImportRows.Format.CSV, fields);
    }
}
