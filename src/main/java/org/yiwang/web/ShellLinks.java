package org.yiwang.web;

import java.util.List;

import org.springframework.stereotype.Component;

import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;

/**
 * The entries of the three home pages: each names a page that exists, who may see it (account types and
 * an optional permission) and its message keys. Modules add their pages here as they land.
 */
@Component
class ShellLinks {

    enum Area { PORTAL, WORKBENCH, ADMIN }

    /** A home-page entry; {@code permission} null means every caller of the listed types. */
    record Link(Area area, String href, String titleKey, String hintKey, String permission, List<CallerType> types) {
    }

    private static final List<CallerType> PEOPLE = List.of(CallerType.CITIZEN, CallerType.ENTERPRISE);
    private static final List<CallerType> STAFF = List.of(CallerType.OFFICER, CallerType.ADMIN);

    private final List<Link> links = List.of(
            new Link(Area.PORTAL, "/services", "shell.link.services", "shell.link.services.hint", null, PEOPLE),
            new Link(Area.PORTAL, "/inbox", "shell.link.inbox", "shell.link.inbox.hint", null, PEOPLE),
            new Link(Area.PORTAL, "/portal/applications", "shell.link.myApplications", "shell.link.myApplications.hint", null, PEOPLE),
            new Link(Area.PORTAL, "/portal/report", "shell.link.eventReport", "shell.link.eventReport.hint", null, PEOPLE),
            new Link(Area.PORTAL, "/portal/events", "shell.link.myEvents", "shell.link.myEvents.hint", null, PEOPLE),
            new Link(Area.PORTAL, "/portal/licenses", "shell.link.myLicenses", "shell.link.myLicenses.hint", null, PEOPLE),
            new Link(Area.PORTAL, "/portal/payments", "shell.link.payments", "shell.link.payments.hint", null, PEOPLE),
            new Link(Area.PORTAL, "/portal/evaluations", "shell.link.myEvaluations", "shell.link.myEvaluations.hint", null, PEOPLE),
            new Link(Area.PORTAL, "/account", "shell.link.account", "shell.link.account.hint", null, PEOPLE),
            new Link(Area.WORKBENCH, "/inbox", "shell.link.inbox", "shell.link.inbox.hint", null, STAFF),
            new Link(Area.WORKBENCH, "/workbench/applications", "shell.link.applications", "shell.link.applications.hint", null, List.of(CallerType.OFFICER)),
            new Link(Area.WORKBENCH, "/workbench/events", "shell.link.events", "shell.link.events.hint", null, List.of(CallerType.OFFICER)),
            new Link(Area.WORKBENCH, "/workbench/evaluations", "shell.link.rectifications", "shell.link.rectifications.hint",
                    "evaluation:rectify", List.of(CallerType.OFFICER)),
            new Link(Area.WORKBENCH, "/workbench/devices", "shell.link.devices", "shell.link.devices.hint", null, List.of(CallerType.OFFICER)),
            new Link(Area.WORKBENCH, "/command", "shell.link.command", "shell.link.command.hint", "command:view", STAFF),
            new Link(Area.WORKBENCH, "/workbench/kpis", "shell.link.kpis", "shell.link.kpis.hint", null, STAFF),
            new Link(Area.WORKBENCH, "/admin/registries", "shell.link.registries", "shell.link.registries.hint", "registry:read", STAFF),
            new Link(Area.WORKBENCH, "/workbench/licenses", "shell.link.licenses", "shell.link.licenses.hint", "license:read", STAFF),
            new Link(Area.WORKBENCH, "/account", "shell.link.account", "shell.link.account.hint", null, STAFF),
            new Link(Area.ADMIN, "/admin/organization", "shell.link.organization", "shell.link.organization.hint", "region:manage", STAFF),
            new Link(Area.ADMIN, "/admin/governance/grids", "shell.link.grids", "shell.link.grids.hint", "region:read", STAFF),
            new Link(Area.ADMIN, "/admin/governance/catalog", "shell.link.eventCatalog", "shell.link.eventCatalog.hint", "region:read", STAFF),
            new Link(Area.ADMIN, "/admin/registries", "shell.link.registries", "shell.link.registries.hint", "registry:import", STAFF),
            new Link(Area.ADMIN, "/admin/accounts", "shell.link.accounts", "shell.link.accounts.hint", "account:manage", STAFF),
            new Link(Area.ADMIN, "/admin/services", "shell.link.catalog", "shell.link.catalog.hint", "catalog:manage", STAFF),
            new Link(Area.ADMIN, "/admin/application-flows", "shell.link.applicationFlows", "shell.link.applicationFlows.hint", "catalog:manage", STAFF),
            new Link(Area.ADMIN, "/admin/audit", "shell.link.audit", "shell.link.audit.hint", "audit:read", STAFF));

    List<Link> visibleTo(Caller caller, Area area) {
        return links.stream()
                .filter(l -> l.area() == area)
                .filter(l -> l.types().contains(caller.type()))
                .filter(l -> l.permission() == null || caller.can(l.permission()))
                .toList();
    }
}
