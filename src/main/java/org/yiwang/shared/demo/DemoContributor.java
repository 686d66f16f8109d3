package org.yiwang.shared.demo;

/**
 * A module's part of the demo city (示例市). On first start with {@code yiwang.demo.enabled=true} the
 * demo loader calls every contributor in {@link #order()} inside one transaction, once: a marker row
 * records that the demo city was loaded. Contributors use their module's real import/create services; they
 * run as {@link org.yiwang.shared.security.Caller#SYSTEM}.
 */
public interface DemoContributor {

    /** Lower runs first: organization 100, registries 200, identity 300, later modules 400+. */
    int order();

    /** Short name for logs. */
    String name();

    /** Loads this module's demo data. */
    void load();

    /** The bytes of a classpath resource (the demo data files under {@code src/main/resources/demo/}). */
    static byte[] resource(String path) {
        try (java.io.InputStream in = new org.springframework.core.io.ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read demo resource " + path, e);
        }
    }
}
