package org.yiwang.organization;

/**
 * A government officer (工作人员).
 *
 * @param id            stable id
 * @param name          name
 * @param employeeNo    employee number (工号), unique; the identity module links accounts to officers by it
 * @param reportingToId id of the officer this one reports to (上级), null at the top of the line
 * @param active        false once the officer has left (离岗): keep the record, stop granting access
 */
public record Officer(String id, String name, String employeeNo, String reportingToId, boolean active) {
}
