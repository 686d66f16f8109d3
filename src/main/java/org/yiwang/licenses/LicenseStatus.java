package org.yiwang.licenses;

/** State of a license: 有效, 已过期 (validity ended), 已撤销 (revoked with a reason). */
public enum LicenseStatus {
    VALID,
    EXPIRED,
    REVOKED
}
