package org.yiwang.governance;

import java.util.List;
import java.util.Optional;

/** Read access to grids (网格) and their grid workers (网格员). Not scoped: platform-internal lookups. */
public interface GridDirectory {

    Optional<Grid> grid(String code);

    /** Grids whose code starts with the significant prefix of {@code regionCode} (all grids for null), ordered by code. */
    List<Grid> grids(String regionCode);

    /** Officer ids of the grid workers assigned to a grid. */
    List<String> workers(String gridCode);

    /** Codes of the grids an officer works in. */
    List<String> gridsOfWorker(String officerId);
}
