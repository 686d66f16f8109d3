package org.yiwang.governance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The event catalog (事件部件分类) with its 事权清单. Not scoped: the catalog is reference data.
 */
public interface EventCatalog {

    Optional<EventClass> find(String classCode);

    /** All subclasses ordered by code (inactive ones included). */
    List<EventClass> list();

    /**
     * The department responsible for a class in a region (事权清单): the rule matching the deepest region on the way
     * from {@code regionCode} up to the city wins — a rule naming that region, or a level rule (e.g. DISTRICT →
     * 城市管理局) whose department type exists in the ancestor at that level; at equal depth a rule naming the region
     * wins over a level rule. Empty when no rule applies.
     */
    Optional<String> responsibleDepartment(String classCode, String regionCode);

    /**
     * The 处置时限 deadline of a case of this class dispatched at {@code dispatchedAt}, counted with
     * {@code WorkingCalendar} (working hours or working days).
     *
     * @throws IllegalArgumentException for an unknown class
     */
    Instant deadline(String classCode, Instant dispatchedAt);
}
