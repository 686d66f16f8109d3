package org.yiwang.governance.internal;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.yiwang.governance.GridLocator;
import org.yiwang.governance.GridMatch;

/**
 * The {@link GridLocator}: one {@link GridIndex} per node, rebuilt from the database when the grid version counter
 * differs from the loaded one. The counter is checked at most every {@code yiwang.governance.grid-refresh-seconds}
 * (default 5) so that other nodes pick up changes; this node re-checks at once after its own changes.
 */
@Component
class DefaultGridLocator implements GridLocator {

    private static final Logger log = LoggerFactory.getLogger(DefaultGridLocator.class);

    private final GridStore store;
    private final double nearestMeters;
    private final long refreshNanos;

    private volatile GridIndex index;
    private volatile long loadedVersion = Long.MIN_VALUE;
    private volatile long nextCheck;

    DefaultGridLocator(GridStore store, @Value("${yiwang.governance.nearest-grid-meters:500}") double nearestMeters,
                       @Value("${yiwang.governance.grid-refresh-seconds:5}") double refreshSeconds) {
        this.store = store;
        this.nearestMeters = nearestMeters;
        this.refreshNanos = (long) (refreshSeconds * 1e9);
    }

    double nearestMeters() {
        return nearestMeters;
    }

    @Override
    public Optional<GridMatch> locate(double lon, double lat) {
        GridMatch m = resolve(lon, lat);
        return m.rule() == org.yiwang.governance.MatchRule.OUTSIDE ? Optional.empty() : Optional.of(m);
    }

    @Override
    public GridMatch resolve(double lon, double lat) {
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("longitude out of range: " + lon);
        }
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("latitude out of range: " + lat);
        }
        return current().locate(lon, lat);
    }

    /** The current index, reloaded when the version counter changed (checked at most every refresh interval). */
    GridIndex current() {
        GridIndex i = index;
        if (i == null || System.nanoTime() - nextCheck >= 0) {
            i = refresh();
        }
        return i;
    }

    private synchronized GridIndex refresh() {
        if (index != null && System.nanoTime() - nextCheck < 0) {
            return index;
        }
        long v = store.version();
        if (index == null || v != loadedVersion) {
            List<GridIndex.GridShape> grids = store.gridsWithGeometry("", "1=1", new Object[0], true).stream()
                    .map(g -> new GridIndex.GridShape(g.grid().code(), g.grid().name(), g.grid().communityCode(), g.geometry()))
                    .toList();
            List<GridIndex.AreaShape> areas = store.areas().stream()
                    .map(a -> new GridIndex.AreaShape(a.regionCode(), a.geometry())).toList();
            index = new GridIndex(grids, areas, nearestMeters);
            loadedVersion = v;
            log.debug("Grid index loaded: version {}, {} grids, {} areas", v, grids.size(), areas.size());
        }
        nextCheck = System.nanoTime() + refreshNanos;
        return index;
    }

    /**
     * Makes the next lookup re-check the version: now (so later work in the same transaction sees its own changes)
     * and again when the current transaction completes (commit or rollback).
     */
    void invalidate() {
        nextCheck = System.nanoTime();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    nextCheck = System.nanoTime();
                    loadedVersion = Long.MIN_VALUE;
                }
            });
        }
    }
}
