package org.yiwang.applications;

import java.time.Instant;

/**
 * Published in the transaction of every change of an application (办件), for progress notices, statistics,
 * dashboards, 好差评 and supervision. Listen with {@code @ApplicationModuleListener}.
 *
 * @param applicationId      the case id
 * @param applicationNo      办件编号 (实施编码 + yyyyMMdd + 4-digit daily sequence)
 * @param itemCode           实施编码 of the item
 * @param departmentId       handling department
 * @param regionCode         the department's region (12-digit 统计用区划代码)
 * @param applicantAccountId the applicant's account
 * @param action             submit, request-correction, supplement, accept, deemed-accept, refuse, claim, unclaim,
 *                           review, return, grant, deny, deliver, suspend, resume, yellow-card, red-card
 * @param fromState          state before (null for submit)
 * @param toState            state after
 * @param at                 when
 */
public record ApplicationChanged(String applicationId, String applicationNo, String itemCode, String departmentId,
                                 String regionCode, String applicantAccountId, String action, ApplicationState fromState,
                                 ApplicationState toState, Instant at) {
}
