package org.yiwang.services.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

import org.yiwang.organization.RegionLevel;
import org.yiwang.services.CatalogQuery;
import org.yiwang.services.ItemStatus;
import org.yiwang.services.ServiceItem;
import org.yiwang.services.ServiceZone;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** The service catalog API: public search and guides, and the admin operations ({@code catalog:manage}). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "services", description = "事项库 service catalog")
class ServicesApi {

    private final CatalogService catalog;

    ServicesApi(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "Search the published catalog (public)")
    @GetMapping("/services")
    List<ItemView.HitView> search(@RequestParam(required = false) String q, @RequestParam(required = false) String zone,
                                  @RequestParam(required = false) String department, @RequestParam(required = false) String level,
                                  @RequestParam(required = false, defaultValue = "20") int limit) {
        return catalog.search(query(q, zone, department, level, limit)).stream().map(ItemView.HitView::of).toList();
    }

    static CatalogQuery query(String q, String zone, String department, String level, int limit) {
        ServiceZone z = null;
        if (zone != null && !zone.isBlank()) {
            z = ServiceZone.parse(zone).orElseThrow(() -> ProblemException.invalidField("zone", "未知的专区：" + zone, "unknown zone: " + zone));
        }
        RegionLevel l = null;
        if (level != null && !level.isBlank()) {
            l = Arrays.stream(RegionLevel.values()).filter(v -> v != RegionLevel.COMMUNITY && v.name().equalsIgnoreCase(level.trim()))
                    .findFirst().orElseThrow(() -> ProblemException.invalidField("level", "层级应为 CITY、DISTRICT 或 STREET",
                            "level is CITY, DISTRICT or STREET"));
        }
        if (q != null && q.length() > 100) {
            throw ProblemException.invalidField("q", "检索词最多 100 个字", "the query has at most 100 characters");
        }
        if (limit < 1 || limit > 200) {
            throw ProblemException.invalidField("limit", "limit 应为 1‥200", "limit is 1‥200");
        }
        return new CatalogQuery(q, z, department, l, limit);
    }

    @Operation(summary = "An item version with materials and form schema (public: published and retired versions)")
    @GetMapping("/services/{id}")
    ItemView item(@PathVariable String id) {
        return ItemView.of(visible(catalog, id));
    }

    /** The item for the public: a version id or a 实施编码 (its published version); drafts only for catalog managers. */
    static ServiceItem visible(CatalogService catalog, String id) {
        Optional<ServiceItem> item = catalog.version(id).or(() -> catalog.published(id));
        if (item.isEmpty() || (item.get().status() == ItemStatus.DRAFT
                && !Callers.find().map(c -> c.can(CatalogService.MANAGE)).orElse(false))) {
            throw ProblemException.notFound("事项", id);
        }
        return item.get();
    }

    @Operation(summary = "Every version of an item")
    @GetMapping("/services/{id}/versions")
    List<ItemView> versions(@PathVariable String id) {
        ServiceItem item = visible(catalog, id);
        boolean manager = Callers.find().map(c -> c.can(CatalogService.MANAGE)).orElse(false);
        return catalog.versions(item.implementationCode()).stream().filter(v -> manager || v.status() != ItemStatus.DRAFT)
                .map(ItemView::of).toList();
    }

    @Operation(summary = "Validate application form data against the item's JSON Schema (field → message)")
    @PostMapping("/services/{id}/form/validate")
    Map<String, Object> validateForm(@PathVariable String id, @RequestBody Map<String, Object> data) {
        ServiceItem item = visible(catalog, id);
        Map<String, String> errors = catalog.validateForm(item.id(), data);
        return Map.of("valid", errors.isEmpty(), "errors", errors);
    }

    @Operation(summary = "The theme zones (专区) with their number of published items (public)")
    @GetMapping("/service-zones")
    List<Map<String, Object>> zones() {
        List<ServiceItem> items = catalog.publishedItems();
        return Arrays.stream(ServiceZone.values()).map(z -> Map.<String, Object>of("code", z.name(), "name", z.zh(), "nameEn", z.en(),
                "items", items.stream().filter(i -> i.zones().contains(z)).count())).toList();
    }

    // ---- admin ----

    @GetMapping("/admin/services")
    List<ItemView> adminList() {
        Callers.require(CatalogService.MANAGE);
        return catalog.latestVersions().stream().map(ItemView::of).toList();
    }

    @PostMapping("/admin/services")
    ResponseEntity<ItemView> create(@RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ItemView.of(catalog.create(body)));
    }

    @PutMapping("/admin/services/{id}")
    ItemView update(@PathVariable String id, @RequestBody JsonNode body) {
        return ItemView.of(catalog.update(id, body));
    }

    @PostMapping("/admin/services/{id}/versions")
    ResponseEntity<ItemView> newVersion(@PathVariable String id, @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ItemView.of(catalog.newVersion(id, body)));
    }

    @PostMapping("/admin/services/{id}/publish")
    ItemView publish(@PathVariable String id) {
        return ItemView.of(catalog.publish(id));
    }

    @PostMapping("/admin/services/{id}/retire")
    ItemView retire(@PathVariable String id) {
        return ItemView.of(catalog.retire(id));
    }

    @Operation(summary = "Import items from JSON (all rows validated first; nothing written unless all are valid)")
    @PostMapping(path = "/admin/services/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ImportResult importJson(@RequestBody byte[] body) {
        Callers.require(CatalogService.MANAGE);
        return catalog.importItems(ImportRows.parse(body, ImportRows.Format.JSON, CatalogService.IMPORT_FIELDS));
    }

    @PostMapping(path = "/admin/services/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportResult importFile(@RequestPart("file") MultipartFile file) throws java.io.IOException {
        Callers.require(CatalogService.MANAGE);
        if (file == null || file.isEmpty()) {
            throw ProblemException.invalidField("file", "请选择要导入的 JSON 文件", "choose a JSON file to import");
        }
        return catalog.importItems(ImportRows.parse(file.getBytes(), ImportRows.Format.JSON, CatalogService.IMPORT_FIELDS));
    }
}
