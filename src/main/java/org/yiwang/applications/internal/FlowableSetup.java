package org.yiwang.applications.internal;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flowable 8 process engine set-up (流程引擎). Flyway owns the schema: the ACT_* tables come from the
 * vendor migrations V2_1_0 (Flowable's own create scripts) and the engine only checks their version
 * ({@code flowable.database-schema-update=false}). The configurer below is marked
 * {@link DependsOnDatabaseInitialization}, so Spring Boot creates it - and with it the engine configuration
 * that receives it - only after Flyway has migrated (tests clean and migrate first).
 */
@Configuration(proxyBeanMethods = false)
class FlowableSetup {

    @Bean
    @DependsOnDatabaseInitialization
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> yiwangProcessEngineConfigurer() {
        return config -> {
            config.setDatabaseSchemaUpdate("false");
            // keep startup light: no IDM tables, no form/content engines, one small async executor
            config.setDisableIdmEngine(true);
            config.setDisableEventRegistry(true);
            config.setAsyncExecutorActivate(true);
            config.setAsyncExecutorCorePoolSize(2);
            config.setAsyncExecutorMaxPoolSize(4);
        };
    }
}
