package org.yiwang.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of every Spring Boot test: one shared application context (same configuration everywhere, so
 * Spring caches it), a real server on a random port, the database chosen by {@code ./yiwang test}
 * (PostgreSQL in CI), cleaned and migrated by Flyway once, with the demo city loaded.
 * Do not add {@code @MockitoBean} or extra properties in subclasses: that would start a second context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@org.springframework.context.annotation.Import(IntegrationTest.CleanDatabase.class)
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CleanDatabase {
        /** Start every test run from an empty schema (the PostgreSQL test database outlives runs). */
        @Bean
        FlywayMigrationStrategy cleanThenMigrate() {
            return flyway -> {
                flyway.clean();
                flyway.migrate();
            };
        }
    }
}
