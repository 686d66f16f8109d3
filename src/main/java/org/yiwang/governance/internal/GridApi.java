package org.yiwang.governance.internal;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import org.yiwang.governance.Grid;
import org.yiwang.governance.GridMatch;
import org.yiwang.governance.MatchRule;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * REST API of grids (网格), point location and standard addresses. Grid geometry and workers: officers with
 * {@code region:read} (scoped to their regions) and administrators; location and address search: any signed-in
 * caller (citizens locate their reports); imports and worker assignment: {@code region:manage}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Governance 网格", description = "Unit grids (单元网格), point → grid (属地), standard addresses (标准地址)")
class GridApi {

    private final GridService grids;
    private final GridStore store;
    private final DefaultGridLocator locator;
    private final AddressService addresses;

    GridApi(GridService grids, GridStore store, DefaultGridLocator locator, AddressService addresses) {
        this.grids = grids;
        this.store = store;
        this.locator = locator;
        this.addresses = addresses;
    }

    @PostMapping(value = "/grids/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/geo+json"})
    @Operation(summary = "Import grids from a GeoJSON FeatureCollection (properties code, name, communityCode); all or nothing")
    ImportResult importGrids(@RequestBody byte[] body) {
        return grids.importGrids(body);
    }

    @PostMapping(value = "/grids/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportResult importGridsFile(@RequestPart("file") MultipartFile file) {
        return grids.importGrids(ImportUploads.bytes(file));
    }

    @PostMapping(value = "/grids/areas/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/geo+json"})
    @Operation(summary = "Import community/street areas (属地 boundaries) from a GeoJSON FeatureCollection (properties regionCode)")
    ImportResult importAreas(@RequestBody byte[] body) {
        return grids.importAreas(body);
    }

    @GetMapping(value = "/grids.geojson", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Grids as a GeoJSON FeatureCollection, optionally under one region; officers see their scope")
    Map<String, Object> geojson(@RequestParam(required = false) String regionCode) {
        return grids.exportGeoJson(regionCode);
    }

    @GetMapping("/grids")
    List<Grid> list(@RequestParam(required = false) String regionCode) {
        var c = GridService.requireReader();
        return store.grids(regionCode).stream().filter(g -> GridService.visible(c, g)).toList();
    }

    @GetMapping("/grids/locate")
    @Operation(summary = "Point (WGS-84 lon/lat) → grid, with 属地兜底 (nearest grid within 500 m, else community area); 422 outside the city")
    GridMatch locate(@RequestParam(required = false) String lon, @RequestParam(required = false) String lat) {
        Callers.current();
        List<FieldViolation> bad = new java.util.ArrayList<>();
        Double x = coordinate("lon", lon, 180, bad);
        Double y = coordinate("lat", lat, 90, bad);
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        GridMatch m = locator.resolve(x, y);
        if (m.rule() == MatchRule.OUTSIDE) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "outside-city", "该位置不在本市范围内",
                    "The location is outside the city");
        }
        return m;
    }

    private static Double coordinate(String field, String value, double max, List<FieldViolation> bad) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d) && Math.abs(d) <= max) {
                return d;
            }
        } catch (NullPointerException | NumberFormatException e) {
            // below
        }
        bad.add(new FieldViolation(field, "应为 -" + (int) max + " 到 " + (int) max + " 之间的十进制度数",
                "must be decimal degrees from -" + (int) max + " to " + (int) max));
        return null;
    }

    @GetMapping("/grids/{code}")
    Map<String, Object> grid(@PathVariable String code) {
        var c = GridService.requireReader();
        Grid g = store.grid(code).filter(x -> GridService.visible(c, x)).orElseThrow(() -> ProblemException.notFound("网格 grid", code));
        return Map.of("grid", g, "workers", store.workers(code));
    }

    /** Body of the worker assignment. */
    record Workers(List<String> officerIds) {
    }

    @PutMapping("/grids/{code}/workers")
    @Operation(summary = "Replace a grid's workers (网格员): officer ids or employee numbers holding GRID_WORKER there")
    Map<String, Object> workers(@PathVariable String code, @RequestBody Workers body) {
        return Map.of("gridCode", code, "officerIds", grids.assignWorkers(code, body == null ? List.of() : body.officerIds()));
    }

    @GetMapping("/addresses")
    @Operation(summary = "Search standard addresses (标准地址) by text prefix")
    List<AddressService.Address> addresses(@RequestParam(required = false) String q, @RequestParam(defaultValue = "20") int limit) {
        Callers.current();
        if (q == null || q.isBlank()) {
            throw ProblemException.invalidField("q", "请输入地址开头的文字", "give the beginning of an address");
        }
        if (limit < 1 || limit > 100) {
            throw ProblemException.invalidField("limit", "应为 1 到 100", "must be 1 to 100");
        }
        return addresses.search(q.trim(), limit);
    }

    @PostMapping(value = "/addresses/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ImportResult importAddresses(@RequestBody byte[] body, @RequestHeader("Content-Type") String contentType) {
        return addresses.importAddresses(ImportRows.parse(body, ImportRows.Format.detect(null, contentType), AddressService.FIELDS));
    }

    @PostMapping(value = "/addresses/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportResult importAddressesFile(@RequestPart("file") MultipartFile file) {
        return addresses.importAddresses(ImportRows.parse(ImportUploads.bytes(file),
                ImportRows.Format.detect(file.getOriginalFilename(), file.getContentType()), AddressService.FIELDS));
    }
}
