package org.yiwang.sensing.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.sensing.Device;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;

/** Officer workbench pages: the device list and one device with an ECharts line chart of its series. */
@Controller
class SensingPages {

    private final DeviceService devices;
    private final OrganizationDirectory organization;

    SensingPages(DeviceService devices, OrganizationDirectory organization) {
        this.devices = devices;
        this.organization = organization;
    }

    private static Caller officer() {
        Caller c = Callers.current();
        if (!c.isOfficerOrAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return c;
    }

    private Map<String, String> departmentNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Department d : organization.departments()) {
            names.put(d.id(), d.name());
        }
        return names;
    }

    @GetMapping("/workbench/devices")
    String list(Model model) {
        model.addAttribute("devices", devices.list(officer(), null));
        model.addAttribute("types", devices.types());
        model.addAttribute("departments", departmentNames());
        return "sensing/devices";
    }

    @GetMapping("/workbench/devices/{deviceId}")
    String device(@PathVariable String deviceId, Model model) {
        Device d = devices.get(officer(), deviceId);
        model.addAttribute("device", d);
        model.addAttribute("type", devices.types().get(d.typeCode()));
        model.addAttribute("departments", departmentNames());
        return "sensing/device";
    }
}
