package org.yiwang.evaluation;

import java.time.Instant;

/**
 * Published in the transaction of every rating (first rating and 追评), for KPIs and dashboards.
 *
 * @param evaluationId the evaluation
 * @param subjectType  what was rated, e.g. {@code application}
 * @param subjectId    its id
 * @param itemCode     the item's 实施编码
 * @param departmentId the department rated
 * @param overall      the 整体满意度 level
 * @param negative     true for a 差评 (a rectification task was opened); always false for a 追评
 * @param followUp     true for the follow-up rating (追评)
 * @param at           when
 */
public record EvaluationRated(String evaluationId, String subjectType, String subjectId, String itemCode, String departmentId,
                              EvaluationLevel overall, boolean negative, boolean followUp, Instant at) {
}
