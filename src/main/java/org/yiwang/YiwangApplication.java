package org.yiwang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * yiwang (一网): one JVM, one database, every part of a city's digital government.
 * Each top-level package below {@code org.yiwang} is an application module; {@code shared} is the
 * small shared kernel every module may use. See docs/architecture.md.
 */
// modules may each have an internal class of the same simple name: name scanned beans by their full class name
@SpringBootApplication(nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class)
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "yiwang", sharedModules = "shared")
public class YiwangApplication {

    public static void main(String[] args) {
        SpringApplication.run(YiwangApplication.class, args);
    }
}
