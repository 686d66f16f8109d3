package org.yiwang.licenses;

/** Published (transactional outbox) when a license is revoked. */
public record LicenseRevoked(String licenseId, String typeCode, String holderAccountId, String reason, String sourceRef) {
}
