package org.yiwang.governance;

import java.time.Instant;
import java.util.List;

/**
 * A city event (城市事件) as other modules read it (no personal data).
 *
 * @param id                id
 * @param eventNo           SJ + yyyyMMdd + 6-digit daily sequence
 * @param source            CITIZEN 随手拍, PATROL 网格员巡查, HOTLINE 12345, API, SENSOR
 * @param classCode         event catalog class, null until classified
 * @param description       what was reported
 * @param lon               WGS-84 longitude
 * @param lat               WGS-84 latitude
 * @param matchRule         the 属地 rule that placed it
 * @param gridCode          grid, null when placed by area only
 * @param regionCode        community (or street) code
 * @param departmentId      responsible department, null until known
 * @param reporterAccountId who reported it
 * @param state             state
 * @param dispatchedAt      when dispatched (the clock starts)
 * @param deadline          处置时限 deadline, null before 派遣
 * @param closedAt          结案 time
 * @param reworkCount       返工 count
 * @param extensionCount    延期 count
 * @param longTerm          挂账
 * @param overdue           past its deadline while open
 * @param escalationLevel   how many levels up it was escalated
 * @param mergedInto        id of the event it was merged into
 * @param rating            综合评价 1–5 by the reporter, null until rated
 * @param createdAt         intake time
 * @param photos            file ids of the reporter's photos
 */
public record CityEvent(String id, String eventNo, String source, String classCode, String description, double lon, double lat,
                        MatchRule matchRule, String gridCode, String regionCode, String departmentId, String reporterAccountId,
                        CityEventState state, Instant dispatchedAt, Instant deadline, Instant closedAt, int reworkCount,
                        int extensionCount, boolean longTerm, boolean overdue, int escalationLevel, String mergedInto,
                        Integer rating, Instant createdAt, List<String> photos) {
}
