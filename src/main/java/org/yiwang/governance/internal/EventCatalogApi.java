package org.yiwang.governance.internal;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.governance.EventClass;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** REST API of the event catalog: read for every signed-in caller, edits and imports with {@code region:manage}. */
@RestController
@RequestMapping("/api/v1/event-classes")
@Tag(name = "Governance 事件部件分类", description = "Event/component classes (GB/T 30428.2) and the 事权清单")
class EventCatalogApi {

    private final EventCatalogService catalog;

    EventCatalogApi(EventCatalogService catalog) {
        this.catalog = catalog;
    }

    /** A class with its rules. */
    record ClassView(EventClass eventClass, List<EventCatalogService.Rule> rules) {
    }

    @GetMapping
    @Operation(summary = "List event/component classes (小类) with 立案条件, 处置时限 and 结案条件")
    List<EventClass> list() {
        Callers.current();
        return catalog.list();
    }

    @GetMapping("/{code}")
    ClassView one(@PathVariable String code) {
        Callers.current();
        return new ClassView(catalog.find(code).orElseThrow(() -> ProblemException.notFound("分类 event class", code)), catalog.rules(code));
    }

    @GetMapping("/{code}/responsible")
    @Operation(summary = "The responsible department of a class in a region (事权清单, most specific rule wins)")
    Map<String, String> responsible(@PathVariable String code, @RequestParam String regionCode) {
        Callers.current();
        catalog.find(code).orElseThrow(() -> ProblemException.notFound("分类 event class", code));
        String dept = catalog.responsibleDepartment(code, regionCode)
                .orElseThrow(() -> ProblemException.notFound("责任部门 responsible department", code + "@" + regionCode));
        return Map.of("classCode", code, "regionCode", regionCode, "departmentId", dept);
    }

    @PutMapping("/{code}")
    @Operation(summary = "Create or replace a class (region:manage)")
    EventClass put(@PathVariable String code, @RequestBody EventCatalogService.ClassEdit body) {
        return catalog.put(code, body == null ? new EventCatalogService.ClassEdit(null, null, null, null, null, null) : body);
    }

    @PostMapping(value = "/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ImportResult importClasses(@RequestBody byte[] body, @RequestHeader("Content-Type") String contentType) {
        Callers.require(EventCatalogService.MANAGE);
        return catalog.importClasses(ImportRows.parse(body, ImportRows.Format.detect(null, contentType), EventCatalogService.CLASS_FIELDS));
    }

    @PostMapping(value = "/rules/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Import 事权清单 rules (classCode, regionCode+departmentId or regionLevel+departmentType); replaces the named classes' rules")
    ImportResult importRules(@RequestBody byte[] body, @RequestHeader("Content-Type") String contentType) {
        Callers.require(EventCatalogService.MANAGE);
        return catalog.importRules(ImportRows.parse(body, ImportRows.Format.detect(null, contentType), EventCatalogService.RULE_FIELDS));
    }
}
