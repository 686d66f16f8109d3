package org.yiwang.evaluation;

import java.util.Optional;

/**
 * Public API of 好差评 for other modules: enable an evaluation when a case is handled (办结); the rater then rates on
 * the portal or through {@code /api/v1/evaluations}. Not scoped by the current caller.
 */
public interface Evaluations {

    /**
     * Lets {@code raterAccountId} rate the case. Idempotent per (subjectType, subjectId): enabling again returns
     * the existing evaluation unchanged. 400 naming the field for a blank argument or an unknown department.
     *
     * @param subjectType    e.g. {@code application} (办件) or {@code city-event}
     * @param subjectId      the case id
     * @param itemCode       the service item's 实施编码 (statistics per item)
     * @param departmentId   the handling department (statistics per department, rectification tasks)
     * @param raterAccountId the applicant's account
     * @param regionCode     the case's 12-digit region code (officers' data scope); null → the department's region
     */
    Evaluation enable(String subjectType, String subjectId, String itemCode, String departmentId, String raterAccountId,
                      String regionCode);

    /** The evaluation of a case, if enabled. */
    Optional<Evaluation> find(String subjectType, String subjectId);
}
