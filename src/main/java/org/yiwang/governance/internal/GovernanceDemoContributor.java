package org.yiwang.governance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import org.yiwang.shared.demo.DemoContributor;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;

/**
 * The demo city's geography and event catalog, from {@code demo/governance/*}: community areas and 21 unit grids
 * tiling 示例市 (fictional box 120.00–120.20 E, 30.00–30.15 N), 32 standard addresses, the demo grid worker in
 * 柳岸社区, the event classes and the 事权清单 — all through the real import services as the system caller.
 */
@Component
class GovernanceDemoContributor implements DemoContributor {

    static final String DEMO_GRID = "339902001001001";

    private final GridService grids;
    private final AddressService addresses;
    private final EventCatalogService catalog;

    GovernanceDemoContributor(GridService grids, AddressService addresses, EventCatalogService catalog) {
        this.grids = grids;
        this.addresses = addresses;
        this.catalog = catalog;
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public String name() {
        return "governance (grids, addresses, event catalog)";
    }

    @Override
    public void load() {
        asSystem(() -> {
            grids.importAreas(bytes("demo/governance/areas.geojson"));
            grids.importGrids(bytes("demo/governance/grids.geojson"));
            addresses.importAddresses(ImportRows.parse(bytes("demo/governance/addresses.csv"), ImportRows.Format.CSV, AddressService.FIELDS));
            grids.assignWorkers(DEMO_GRID, List.of("demo-gridworker"));
            catalog.importClasses(ImportRows.parse(bytes("demo/governance/event-classes.csv"), ImportRows.Format.CSV, EventCatalogService.CLASS_FIELDS));
            catalog.importRules(ImportRows.parse(bytes("demo/governance/responsibility-rules.csv"), ImportRows.Format.CSV, EventCatalogService.RULE_FIELDS));
        });
    }

    static byte[] bytes(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    static void asSystem(Runnable work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        Callers.CallerAware principal = () -> Caller.SYSTEM;
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
