package org.yiwang;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Verifies the module boundaries described in docs/architecture.md and writes the module diagrams. */
class ModularityTest {

    /** Production code only: test classes (in any build directory's test-classes) are not part of the modules. */
    static final ApplicationModules MODULES = ApplicationModules.of(YiwangApplication.class,
            location -> !location.contains("/test-classes/"));

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
