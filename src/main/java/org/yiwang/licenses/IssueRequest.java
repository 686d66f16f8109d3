package org.yiwang.licenses;

import java.time.LocalDate;
import java.util.Map;

/**
 * What {@link Licenses#issue} needs.
 *
 * @param typeCode     证照类型代码 or the type's name (e.g. {@code 营业执照})
 * @param departmentId the issuing department (颁发机构, an organization department id such as {@code city-amr}); its
 *                     SM2 seal signs the license
 * @param holder       the holder (持证主体)
 * @param data         the license's fields (照面信息) by the type's template field keys; unknown keys are refused
 * @param validFrom    first day of validity; null = today
 * @param validUntil   last day of validity; null = the type's default validity from {@code validFrom} (or none)
 * @param sourceRef    where it comes from, e.g. the 办件编号 of the approved application; issuing twice with the same
 *                     type and sourceRef returns the first license (idempotent); may be null
 */
public record IssueRequest(String typeCode, String departmentId, LicenseHolder holder, Map<String, String> data,
                           LocalDate validFrom, LocalDate validUntil, String sourceRef) {

    public IssueRequest {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
