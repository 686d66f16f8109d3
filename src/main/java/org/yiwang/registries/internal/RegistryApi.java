package org.yiwang.registries.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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

import org.yiwang.registries.internal.RegistryQueries.LegalEntityView;
import org.yiwang.registries.internal.RegistryQueries.Page;
import org.yiwang.registries.internal.RegistryQueries.PersonView;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/**
 * REST API of the base registries: scoped reads ({@code registry:read}) and all-or-nothing imports
 * ({@code registry:import}). ID numbers are searched with POST so they never appear in URLs or access logs.
 */
@RestController
@RequestMapping("/api/v1/registries")
@Tag(name = "Registries 一数一源", description = "Population (人口库) and legal-entity (法人库) base registries")
class RegistryApi {

    private final RegistryQueries queries;
    private final RegistryImportService imports;

    RegistryApi(RegistryQueries queries, RegistryImportService imports) {
        this.queries = queries;
        this.imports = imports;
    }

    /** Search by exact ID number. */
    record PersonSearch(String idNumber) {
    }

    /** Search by exact credit code. */
    record LegalEntitySearch(String creditCode) {
    }

    @GetMapping("/persons/{id}")
    @Operation(summary = "A person of the population registry (personal data masked unless the caller may read it in full)")
    PersonView person(@PathVariable String id) {
        return queries.person(id);
    }

    @GetMapping("/persons")
    @Operation(summary = "Persons within the caller's scope, masked, paged")
    Page<PersonView> persons(@RequestParam(required = false) String regionCode, @RequestParam(defaultValue = "0") int offset,
                             @RequestParam(defaultValue = "50") int limit) {
        return queries.persons(regionCode, checkOffset(offset), checkLimit(limit));
    }

    @PostMapping(path = "/persons/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Find persons by exact 居民身份证号 (blind-index lookup); returns 0 or 1 match")
    List<PersonView> searchPersons(@RequestBody PersonSearch search) {
        if (search == null || search.idNumber() == null || search.idNumber().isBlank()) {
            Callers.require(RegistryQueries.READ);
            throw ProblemException.invalidField("idNumber", "必须填写居民身份证号", "is required");
        }
        return queries.personByIdNumber(search.idNumber()).map(List::of).orElse(List.of());
    }

    @GetMapping("/legal-entities/{id}")
    LegalEntityView legalEntity(@PathVariable String id) {
        return queries.legalEntity(id);
    }

    @GetMapping("/legal-entities")
    @Operation(summary = "Legal entities within the caller's scope, or the one with creditCode")
    Page<LegalEntityView> legalEntities(@RequestParam(required = false) String creditCode, @RequestParam(required = false) String regionCode,
                                        @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        if (creditCode != null && !creditCode.isBlank()) {
            List<LegalEntityView> found = queries.legalEntityByCreditCode(creditCode).map(List::of).orElse(List.of());
            return new Page<>(found, 0, 1, found.size());
        }
        return queries.legalEntities(regionCode, checkOffset(offset), checkLimit(limit));
    }

    @PostMapping(path = "/legal-entities/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    List<LegalEntityView> searchLegalEntities(@RequestBody LegalEntitySearch search) {
        if (search == null || search.creditCode() == null || search.creditCode().isBlank()) {
            Callers.require(RegistryQueries.READ);
            throw ProblemException.invalidField("creditCode", "必须填写统一社会信用代码", "is required");
        }
        return queries.legalEntityByCreditCode(search.creditCode()).map(List::of).orElse(List.of());
    }

    // ---------------------------------------------------------------- imports

    @PostMapping(path = "/persons/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import persons from a CSV or JSON file (all rows validated; nothing written on any error)")
    ImportResult importPersons(@RequestPart("file") MultipartFile file) {
        Callers.require(RegistryImportService.IMPORT);
        return imports.importPersons(rows(file, RegistryImportService.PERSON_FIELDS));
    }

    @PostMapping(path = "/persons/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ImportResult importPersonsBody(@RequestBody byte[] body, @RequestHeader("Content-Type") String contentType) {
        Callers.require(RegistryImportService.IMPORT);
        return imports.importPersons(ImportRows.parse(body, ImportRows.Format.detect(null, contentType), RegistryImportService.PERSON_FIELDS));
    }

    @PostMapping(path = "/legal-entities/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import legal entities from a CSV or JSON file")
    ImportResult importLegalEntities(@RequestPart("file") MultipartFile file) {
        Callers.require(RegistryImportService.IMPORT);
        return imports.importLegalEntities(rows(file, RegistryImportService.ENTITY_FIELDS));
    }

    @PostMapping(path = "/legal-entities/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ImportResult importLegalEntitiesBody(@RequestBody byte[] body, @RequestHeader("Content-Type") String contentType) {
        Callers.require(RegistryImportService.IMPORT);
        return imports.importLegalEntities(ImportRows.parse(body, ImportRows.Format.detect(null, contentType), RegistryImportService.ENTITY_FIELDS));
    }

    static List<ImportRows.Row> rows(MultipartFile file, Map<String, List<String>> fields) {
        if (file == null || file.isEmpty()) {
            throw ProblemException.invalidField("file", "请选择要导入的 CSV 或 JSON 文件", "choose a CSV or JSON file to import");
        }
        try {
            return ImportRows.parse(file.getBytes(), ImportRows.Format.detect(file.getOriginalFilename(), file.getContentType()), fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > 200) {
            throw ProblemException.invalidField("limit", "应在 1 到 200 之间", "must be between 1 and 200");
        }
        return limit;
    }

    private static int checkOffset(int offset) {
        if (offset < 0) {
            throw ProblemException.invalidField("offset", "不能为负数", "must not be negative");
        }
        return offset;
    }
}
