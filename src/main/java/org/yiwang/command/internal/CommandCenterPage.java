package org.yiwang.command.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

import org.yiwang.governance.CityEventState;
import org.yiwang.governance.EventCatalog;
import org.yiwang.governance.EventClass;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.web.ProblemException;

/**
 * The command-center page (运行管理中心) at {@code /command}: the map, filters, charts and detail panel are drawn by
 * {@code static/js/command-center.js} from a JSON configuration block (no inline script, CSP-clean).
 */
@Controller
class CommandCenterPage {

    static final List<String> ACTIONS = List.of("report", "file", "reject", "dispatch", "handle", "verify-pass", "verify-fail", "extend",
            "approve-extension", "suspend", "resume", "rate", "merge", "merged-from", "overdue", "escalate");

    private final EventCatalog catalog;
    private final OrganizationDirectory directory;
    private final MessageSource messages;
    private final MapTiles tiles;

    CommandCenterPage(EventCatalog catalog, OrganizationDirectory directory, MessageSource messages, MapTiles tiles) {
        this.catalog = catalog;
        this.directory = directory;
        this.messages = messages;
        this.tiles = tiles;
    }

    @GetMapping("/command")
    String page(Model model) {
        Caller c;
        try {
            c = CommandAccess.require();
        } catch (ProblemException e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Locale locale = LocaleContextHolder.getLocale();
        List<Map<String, String>> regions = new ArrayList<>();
        for (Region r : directory.regions()) {
            if (r.level() == RegionLevel.DISTRICT || r.level() == RegionLevel.STREET || r.level() == RegionLevel.COMMUNITY) {
                if (c.type() == CallerType.ADMIN || c.regionPrefixes().stream().anyMatch(r.code()::startsWith)) {
                    regions.add(Map.of("code", r.code(), "name", r.name(), "level", r.level().name()));
                }
            }
        }
        List<Map<String, String>> classes = new ArrayList<>();
        for (EventClass ec : catalog.list()) {
            if (ec.active()) {
                classes.add(Map.of("code", ec.code(), "name", ec.name()));
            }
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (CityEventState s : CityEventState.values()) {
            states.put(s.name(), messages.getMessage("command.state." + s.name(), null, s.name(), locale));
        }
        Map<String, String> actions = new LinkedHashMap<>();
        for (String a : ACTIONS) {
            actions.put(a, messages.getMessage("command.action." + a, null, a, locale));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String k : List.of("overdue", "deadline", "department", "grid", "class", "created", "timeline", "photos", "handlePhotos",
                "noEvents", "live", "offline", "reconnecting", "devices", "events", "grids", "online", "deviceOffline", "lastSeen",
                "deviceDetail", "openEvents", "overdueShown", "close", "source", "comment", "total", "truncated", "unclassified", "alerts",
                "noAlerts", "openEvent", "filingRate", "closingRate", "onTimeRate", "score", "kpiTitle", "received", "closed")) {
            labels.put(k, messages.getMessage("command.label." + k, null, k, locale));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tileUrl", tiles.enabled() ? "/command/tiles/{z}/{x}/{y}" : null);
        config.put("tileAttribution", tiles.attribution());
        config.put("tileMaxZoom", tiles.maxZoom());
        config.put("center", List.of(tiles.centerLat(), tiles.centerLon()));
        config.put("eventsUrl", "/api/v1/command/events");
        config.put("summaryUrl", "/api/v1/command/summary");
        config.put("devicesUrl", "/api/v1/command/devices");
        config.put("alertsUrl", "/api/v1/command/alerts");
        config.put("kpisUrl", "/api/v1/command/kpis");
        config.put("gridsUrl", "/api/v1/grids.geojson");
        config.put("streamUrl", "/command/stream");
        config.put("eventUrl", "/api/v1/events/");
        config.put("fileUrl", "/api/v1/files/");
        config.put("deviceUrl", "/workbench/devices/");
        config.put("states", states);
        config.put("openStates", CommandFilters.OPEN.stream().map(Enum::name).sorted().toList());
        config.put("actions", actions);
        config.put("labels", labels);
        config.put("classes", classes);
        model.addAttribute("config", config);
        model.addAttribute("regions", regions);
        model.addAttribute("classes", classes);
        model.addAttribute("states", states);
        return "command/center";
    }
}
