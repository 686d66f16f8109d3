package org.yiwang.evaluation;

import java.time.Instant;
import java.util.Map;

/**
 * An evaluation (评价) of one handled case.
 *
 * @param id               id
 * @param subjectType      what was handled, e.g. {@code application} (办件) or {@code city-event}
 * @param subjectId        its id
 * @param itemCode         the service item's 实施编码 (or another code of what was rated, e.g. an event class)
 * @param departmentId     the department rated
 * @param regionCode       region of the case (data scope)
 * @param raterAccountId   who may rate (the applicant)
 * @param state            待评价 / 已评价 / 整改中 / 待追评 / 已追评
 * @param ratings          the first rating per indicator (empty while {@link EvaluationState#OPEN})
 * @param comment          the rater's comment, or null
 * @param negative         true when the rating was a 差评
 * @param followUp         the follow-up rating (追评), or null
 * @param followUpComment  its comment, or null
 * @param enabledAt        when it was enabled
 * @param ratedAt          when it was rated, or null
 * @param followUpAt       when the follow-up rating was given, or null
 */
public record Evaluation(String id, String subjectType, String subjectId, String itemCode, String departmentId, String regionCode,
                         String raterAccountId, EvaluationState state, Map<Indicator, EvaluationLevel> ratings, String comment,
                         boolean negative, EvaluationLevel followUp, String followUpComment, Instant enabledAt, Instant ratedAt,
                         Instant followUpAt) {
}
