package org.yiwang.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.audit.AuditLog;

/**
 * Loads the shipped holiday files into {@code calendar_day} at start-up, idempotently and safely when several
 * nodes start at once (they queue on the {@code calendar_version} row lock):
 * <ul>
 * <li>a year not yet in {@code calendar_year} is loaded;</li>
 * <li>a year loaded from a file whose content has since changed (e.g. a release replaces the provisional
 * 2027 file by the official one) is reloaded: its {@code file} rows are replaced, rows an administrator
 * edited are kept;</li>
 * <li>a year an administrator replaced as a whole ({@code PUT /api/v1/calendar/{year}}) is never touched.</li>
 * </ul>
 */
@Component
class CalendarDataLoader implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(CalendarDataLoader.class);

    private final CalendarStore store;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    CalendarDataLoader(CalendarStore store, AuditLog audit, PlatformTransactionManager txManager) {
        this.store = store;
        this.audit = audit;
        this.tx = new TransactionTemplate(txManager);
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        List<CalendarFiles.YearFile> files = new ArrayList<>();
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources(CalendarFiles.PATTERN);
        Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
        for (Resource r : resources) {
            try (InputStream in = r.getInputStream()) {
                files.add(CalendarFiles.parse(r.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        load(files);
    }

    /** Loads the given year files as described above; returns the years (re)loaded. */
    List<Integer> load(List<CalendarFiles.YearFile> files) {
        return tx.execute(status -> {
            store.lockVersion();
            List<Integer> loaded = new ArrayList<>();
            for (CalendarFiles.YearFile f : files) {
                String origin = "file:" + f.fileName();
                Optional<CalendarStore.YearInfo> info = store.yearInfo(f.year());
                if (info.isPresent() && (info.get().origin().equals(CalendarStore.ADMIN_ORIGIN) || info.get().checksum().equals(f.checksum()))) {
                    continue;
                }
                if (info.isPresent()) {
                    store.deleteYear(f.year(), CalendarStore.FILE);
                }
                int inserted = store.insertMissing(f.days(), "system");
                store.saveYear(f.year(), origin, f.checksum(), f.provisional());
                audit.recordAs("system", "系统", info.isPresent() ? "calendar.year.reload" : "calendar.year.load", "calendar:" + f.year(), true,
                        origin + "; days=" + inserted + (f.provisional() ? "; PROVISIONAL" : ""));
                log.info("Calendar {}: loaded {} days from {}{}", f.year(), inserted, f.fileName(),
                        f.provisional() ? " (PROVISIONAL: not yet announced by the State Council)" : "");
                loaded.add(f.year());
            }
            if (!loaded.isEmpty()) {
                store.bumpVersion();
            }
            return loaded;
        });
    }
}
