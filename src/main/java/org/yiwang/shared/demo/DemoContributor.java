package org.yiwang.shared.demo;

/**
 * A module's part of the demo city (示例市). On first start with {@code yiwang.demo.enabled=true} the
 * demo loader calls every contributor in {@link #order()} inside one transaction, once: a marker row
 * records that the demo city was loaded. Contributors use their module's real import/create services.
 */
public interface DemoContributor {

    /** Lower runs first: organization 100, registries 200, identity 300, later modules 400+. */
    int order();

    /** Short name for logs. */
    String name();

    /** Loads this module's demo data. */
    void load();
}
