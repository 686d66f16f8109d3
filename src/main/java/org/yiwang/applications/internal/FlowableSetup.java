package org.yiwang.applications.internal;

import org.flowable.common.engine.api.FlowableWrongDbException;
import org.flowable.common.engine.impl.db.SchemaManager;
import org.flowable.engine.ProcessEngine;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flowable 8 process engine set-up (流程引擎). Flyway owns the schema: the ACT_* tables come from the
 * vendor migrations V2_1_0 (Flowable's own create scripts) and the engine never creates, updates or drops them
 * ({@code flowable.database-schema-update=false}). The configurer below is marked
 * {@link DependsOnDatabaseInitialization}, so Spring Boot creates it - and with it the engine configuration
 * that receives it - only after Flyway has migrated (tests clean and migrate first).
 *
 * <p>The engine's own start-up check looks tables up through JDBC metadata by their upper-case names, which fails on
 * the embedded H2 ({@code DATABASE_TO_LOWER=TRUE} stores them lower-case), so {@link FlywaySchema} replaces it with
 * the same check in SQL: the schema version in {@code ACT_GE_PROPERTY} and the presence of the runtime and history tables.
 */
@Configuration(proxyBeanMethods = false)
class FlowableSetup {

    @Bean
    @DependsOnDatabaseInitialization
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> yiwangProcessEngineConfigurer(JdbcTemplate jdbc) {
        return config -> {
            config.setDatabaseSchemaUpdate("false");
            config.setSchemaManager(new FlywaySchema(jdbc));
            // keep startup light: no IDM tables, no event registry engine, one small async executor
            config.setDisableIdmEngine(true);
            config.setDisableEventRegistry(true);
            config.setAsyncExecutorActivate(true);
            config.setAsyncExecutorCorePoolSize(2);
            config.setAsyncExecutorMaxPoolSize(4);
        };
    }

    /** The engine's schema as Flyway made it: checked, never changed by the engine. */
    static final class FlywaySchema implements SchemaManager {

        private final JdbcTemplate jdbc;

        FlywaySchema(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void schemaCheckVersion() {
            String version = jdbc.query("select value_ from act_ge_property where name_ = 'schema.version'",
                    rs -> rs.next() ? rs.getString(1) : null);
            if (!ProcessEngine.VERSION.equals(version)) {
                throw new FlowableWrongDbException(ProcessEngine.VERSION, String.valueOf(version));
            }
            for (String table : new String[] {"act_ru_execution", "act_ru_task", "act_ru_timer_job", "act_hi_procinst", "act_hi_actinst"}) {
                jdbc.queryForObject("select count(*) from " + table + " where 1 = 0", Integer.class); // fails when missing
            }
        }

        @Override
        public void schemaCreate() {
            throw new UnsupportedOperationException("Flyway owns the schema (db/migration/{vendor}/V2_1_0__flowable_engine.sql)");
        }

        @Override
        public void schemaDrop() {
            throw new UnsupportedOperationException("Flyway owns the schema");
        }

        @Override
        public String schemaUpdate() {
            throw new UnsupportedOperationException("Flyway owns the schema");
        }

        @Override
        public String getContext() {
            return "yiwang-flyway";
        }
    }
}
