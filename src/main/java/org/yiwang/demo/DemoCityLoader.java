package org.yiwang.demo;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.shared.demo.DemoContributor;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;

/**
 * Loads the demo city (示例市) once, on first start, from every module's {@link DemoContributor}.
 * Idempotent: the {@code demo_load} marker row makes later starts skip it, and the whole load is one
 * transaction so a failed load leaves nothing behind.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@ConditionalOnProperty(name = "yiwang.demo.enabled", havingValue = "true")
class DemoCityLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCityLoader.class);
    private final List<DemoContributor> contributors;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    DemoCityLoader(List<DemoContributor> contributors, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.contributors = contributors;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        load();
    }

    /** Loads the demo city unless it is already there; returns true when it loaded it now. */
    public boolean load() {
        Boolean loaded = tx.execute(status -> {
            // lock-free check then insert-or-skip: a second node starting at the same time waits on the key
            int claimed = jdbc.update("insert into demo_load (id, loaded_at) values ('demo-city', ?) on conflict do nothing",
                    Timestamp.from(Instant.now()));
            if (claimed == 0) {
                return false;
            }
            // every part loads as the platform itself (Caller.SYSTEM), through the modules' real services
            Callers.runAs(Caller.SYSTEM, () -> contributors.stream().sorted(Comparator.comparingInt(DemoContributor::order)).forEach(c -> {
                log.info("Loading demo city: {}", c.name());
                c.load();
            }));
            return true;
        });
        if (Boolean.TRUE.equals(loaded)) {
            log.info("Demo city 示例市 loaded ({} parts)", contributors.size());
        }
        return Boolean.TRUE.equals(loaded);
    }
}
