package org.yiwang.licenses;

/** Published (transactional outbox) when a license is issued. */
public record LicenseIssued(String licenseId, String typeCode, String typeName, String holderAccountId, String departmentId,
                            String sourceRef) {
}
