package org.yiwang.governance.internal.kpi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.governance.EventKpiQuery;
import org.yiwang.governance.EventKpiReport;
import org.yiwang.governance.EventKpiValues;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** The 统一考核 page {@code /workbench/kpis}: filter, ECharts chart, table, CSV/XLSX links and the 综合指标值 configuration. */
@Controller
class EventKpiPages {

    static final List<String> COUNTS = List.of("received", "filed", "dispatched", "due", "closed", "closedOnTime", "reworked", "extended",
            "suspended");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventKpiService service;
    private final KpiConfig config;
    private final OrganizationDirectory directory;
    private final WorkingCalendar calendar;
    private final MessageSource messages;

    EventKpiPages(EventKpiService service, KpiConfig config, OrganizationDirectory directory, WorkingCalendar calendar, MessageSource messages) {
        this.service = service;
        this.config = config;
        this.directory = directory;
        this.calendar = calendar;
        this.messages = messages;
    }

    @GetMapping("/workbench/kpis")
    String page(@RequestParam(required = false) String period, @RequestParam(required = false) String date,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String regionCode, @RequestParam(required = false) String groupBy,
                Model model, Locale locale) {
        Caller c = Callers.current();
        if (!c.isOfficerOrAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        String g = groupBy == null || groupBy.isBlank() ? "region" : groupBy;
        String p = period == null || period.isBlank() ? (from != null && !from.isBlank() ? "custom" : "month") : period;
        model.addAttribute("period", p);
        model.addAttribute("date", date);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("regionCode", regionCode);
        model.addAttribute("groupBy", g);
        model.addAttribute("regions", regions(c));
        model.addAttribute("config", config.load());
        model.addAttribute("canEdit", c.can("region:manage"));
        model.addAttribute("countHeads", COUNTS);
        model.addAttribute("rateHeads", KpiConfig.RATES);
        try {
            EventKpiQuery q = KpiRequests.parse(p, date, "custom".equals(p) ? from : null, "custom".equals(p) ? to : null, regionCode,
                    null, null, g, calendar.zone());
            EventKpiReport r = service.report(q);
            List<EventKpiValues> lines = KpiExport.lines(r);
            Map<String, Map<String, Object>> counts = new LinkedHashMap<>();
            Map<String, Map<String, String>> rates = new LinkedHashMap<>();
            for (EventKpiValues v : lines) {
                Map<String, Object> cm = new LinkedHashMap<>();
                List<Long> cv = List.of(v.received(), v.filed(), v.dispatched(), v.due(), v.closed(), v.closedOnTime(), v.reworked(),
                        v.extended(), v.suspended());
                for (int i = 0; i < COUNTS.size(); i++) {
                    cm.put(COUNTS.get(i), cv.get(i));
                }
                counts.put(v.key(), cm);
                Map<String, String> rm = new LinkedHashMap<>();
                List<Double> rv = rateList(v);
                for (int i = 0; i < KpiConfig.RATES.size(); i++) {
                    rm.put(KpiConfig.RATES.get(i), rv.get(i) == null ? "—" : String.format("%.2f%%", rv.get(i) * 100));
                }
                rates.put(v.key(), rm);
            }
            model.addAttribute("report", r);
            model.addAttribute("lines", lines);
            model.addAttribute("counts", counts);
            model.addAttribute("rates", rates);
            model.addAttribute("chartJson", chart(r, locale));
            model.addAttribute("queryString", query(p, date, from, to, regionCode, g));
        } catch (ProblemException e) {
            model.addAttribute("error", "en".equals(locale.getLanguage()) ? e.messageEn() : e.messageZh());
        }
        return "governance/kpis";
    }

    private static List<Double> rateList(EventKpiValues v) {
        List<Double> r = new ArrayList<>();
        r.add(v.filingRate());
        r.add(v.dispatchRate());
        r.add(v.closingRate());
        r.add(v.onTimeRate());
        r.add(v.reworkRate());
        r.add(v.extensionRate());
        return r;
    }

    /** Regions the caller may pick: the subtrees of their assignments (administrators: all). */
    private List<Region> regions(Caller c) {
        return directory.regions().stream()
                .filter(r -> c.type() == CallerType.ADMIN || c.type() == CallerType.SYSTEM
                        || c.regionPrefixes().stream().anyMatch(pfx -> r.code().startsWith(pfx)))
                .toList();
    }

    private String chart(EventKpiReport r, Locale locale) {
        List<EventKpiValues> rows = r.rows().isEmpty() ? List.of(r.total()) : r.rows();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("labels", rows.stream().map(v -> v.key().equals("total") ? messages.getMessage("kpi.total", null, locale) : v.label()).toList());
        List<Map<String, Object>> series = new ArrayList<>();
        for (int i = 0; i < KpiConfig.RATES.size(); i++) {
            int k = i;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", messages.getMessage("kpi.col." + KpiConfig.RATES.get(i), null, locale));
            s.put("values", rows.stream().map(v -> rateList(v).get(k)).toList());
            series.add(s);
        }
        out.put("rates", series);
        out.put("scoreName", messages.getMessage("kpi.col.score", null, locale));
        out.put("scores", rows.stream().map(EventKpiValues::score).toList());
        // JSON inside <script type="application/json">: keep "</" out of the text
        return JSON.writeValueAsString(out).replace("</", "<\\/");
    }

    private static String query(String period, String date, String from, String to, String regionCode, String groupBy) {
        StringBuilder sb = new StringBuilder("period=").append(enc(period)).append("&groupBy=").append(enc(groupBy));
        if (date != null && !date.isBlank()) {
            sb.append("&date=").append(enc(date));
        }
        if ("custom".equals(period)) {
            if (from != null && !from.isBlank()) {
                sb.append("&from=").append(enc(from));
            }
            if (to != null && !to.isBlank()) {
                sb.append("&to=").append(enc(to));
            }
        }
        if (regionCode != null && !regionCode.isBlank()) {
            sb.append("&regionCode=").append(enc(regionCode));
        }
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The administrator's form: weight.{code}, target.{code} and min.{grade}; other fields stay as they are. */
    @PostMapping("/workbench/kpis/config")
    String saveConfig(@RequestParam Map<String, String> form, RedirectAttributes redirect, Locale locale) {
        Caller c = Callers.current();
        if (!c.can("region:manage")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        KpiConfig.Config cur = config.load();
        try {
            List<KpiConfig.Indicator> ind = new ArrayList<>();
            for (KpiConfig.Indicator i : cur.indicators()) {
                ind.add(new KpiConfig.Indicator(i.code(), i.nameZh(), i.nameEn(), number(form.get("weight." + i.code()), i.weight()),
                        number(form.get("target." + i.code()), i.target()), i.higherBetter(), i.sortOrder()));
            }
            List<KpiConfig.Grade> grades = new ArrayList<>();
            for (KpiConfig.Grade g : cur.grades()) {
                grades.add(new KpiConfig.Grade(g.grade(), number(form.get("min." + g.grade()), g.minScore()), g.labelZh(), g.labelEn(), g.colour()));
            }
            config.save(new KpiConfig.Config(ind, grades));
            redirect.addFlashAttribute("done", messages.getMessage("kpi.config.saved", null, locale));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", "en".equals(locale.getLanguage()) ? e.messageEn() : e.messageZh());
        }
        return "redirect:/workbench/kpis";
    }

    private static Double number(String v, Double def) {
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Double.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return Double.NaN; // rejected by the validation with the field named
        }
    }
}
