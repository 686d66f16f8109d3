package org.yiwang.services.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import org.yiwang.shared.demo.DemoContributor;
import org.yiwang.shared.imports.ImportRows;

/**
 * The demo city's service catalog (事项库) from {@code demo/services/*.json}, loaded through the real import
 * (validated, 三级四同 checked, published) as the system caller.
 */
@Component
class ServicesDemoContributor implements DemoContributor {

    private final CatalogService catalog;

    ServicesDemoContributor(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public String name() {
        return "services (service catalog 事项库)";
    }

    @Override
    public void load() {
        try {
            for (Resource r : resources()) {
                try (InputStream in = r.getInputStream()) {
                    catalog.importItems(ImportRows.parse(in.readAllBytes(), ImportRows.Format.JSON, CatalogService.IMPORT_FIELDS));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo files in name order (city items first: 01-city.json, 02-district.json …). */
    private static List<Resource> resources() throws IOException {
        List<Resource> list = new ArrayList<>(Arrays.asList(new PathMatchingResourcePatternResolver().getResources("classpath*:demo/services/*.json")));
        list.sort(Comparator.comparing(Resource::getFilename));
        return list;
    }
}
