package org.yiwang.applications;

import org.flowable.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Flowable 8 runs in the shared context on the schema Flyway created (schema update off). */
class FlowableEngineTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void engineRunsOnTheFlywaySchema() {
        assertThat(engine.getProcessEngineConfiguration().getDatabaseSchemaUpdate()).isEqualTo("false");
        assertThat(jdbc.queryForObject("select value_ from act_ge_property where name_ = 'schema.version'", String.class))
                .isEqualTo("8.0.0.0");
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isGreaterThanOrEqualTo(0);
    }
}
