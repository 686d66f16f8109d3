package org.yiwang.governance.internal.kpi;

import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.governance.EventKpiQuery;
import org.yiwang.governance.EventKpiReport;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** REST API of the 统一考核 KPIs: the report (JSON, CSV, XLSX) and the 综合指标值 configuration. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Governance 统一考核", description = "KPIs of city events per region, department, grid and period; 综合指标值 weights and grades")
class EventKpiApi {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final EventKpiService service;
    private final KpiConfig config;
    private final WorkingCalendar calendar;

    EventKpiApi(EventKpiService service, KpiConfig config, WorkingCalendar calendar) {
        this.service = service;
        this.config = config;
        this.calendar = calendar;
    }

    private EventKpiReport report(String period, String date, String from, String to, String regionCode, String department,
                                  String grid, String groupBy) {
        EventKpiQuery q = KpiRequests.parse(period, date, from, to, regionCode, department, grid, groupBy, calendar.zone());
        return service.report(q);
    }

    @GetMapping("/event-kpis")
    @Operation(summary = "KPIs (受理数 … 延期率, 综合指标值) in the caller's scope; period=day|week|month|custom with date or from/to; "
            + "regionCode, department, grid; groupBy=none|region|department|grid|day|month")
    EventKpiReport get(@RequestParam(required = false) String period, @RequestParam(required = false) String date,
                       @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(required = false) String regionCode, @RequestParam(required = false) String department,
                       @RequestParam(required = false) String grid, @RequestParam(required = false) String groupBy) {
        return report(period, date, from, to, regionCode, department, grid, groupBy);
    }

    @GetMapping("/event-kpis.csv")
    @Operation(summary = "The same report as CSV (UTF-8 with BOM, Chinese headers)")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String period, @RequestParam(required = false) String date,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String regionCode, @RequestParam(required = false) String department,
                               @RequestParam(required = false) String grid, @RequestParam(required = false) String groupBy) {
        EventKpiReport r = report(period, date, from, to, regionCode, department, grid, groupBy);
        return file(KpiExport.csv(r), new MediaType("text", "csv", StandardCharsets.UTF_8), name(r, "csv"));
    }

    @GetMapping("/event-kpis.xlsx")
    @Operation(summary = "The same report as an Excel workbook (sheet 考核指标, Chinese headers)")
    ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String period, @RequestParam(required = false) String date,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(required = false) String regionCode, @RequestParam(required = false) String department,
                                @RequestParam(required = false) String grid, @RequestParam(required = false) String groupBy) {
        EventKpiReport r = report(period, date, from, to, regionCode, department, grid, groupBy);
        return file(KpiExport.xlsx(r), XLSX, name(r, "xlsx"));
    }

    static String name(EventKpiReport r, String ext) {
        return "统一考核-" + r.query().from() + "-" + r.query().to() + "." + ext;
    }

    static ResponseEntity<byte[]> file(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    @GetMapping("/event-kpis/config")
    @Operation(summary = "The 综合指标值 weights, targets and grade bands (officers and administrators)")
    KpiConfig.Config getConfig() {
        if (!Callers.current().isOfficerOrAdmin()) {
            throw ProblemException.forbidden("考核配置仅供工作人员查看", "The KPI configuration is for officers only");
        }
        return config.load();
    }

    @PutMapping("/event-kpis/config")
    @Operation(summary = "Replace the 综合指标值 weights, targets and grade bands (region:manage; audited)")
    KpiConfig.Config putConfig(@RequestBody(required = false) KpiConfig.Config body) {
        Caller c = Callers.current();
        if (!c.can("region:manage")) {
            throw ProblemException.forbidden("修改考核配置需要权限 region:manage", "Permission region:manage is required");
        }
        return config.save(body);
    }
}
