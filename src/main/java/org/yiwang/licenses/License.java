package org.yiwang.licenses;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * An issued electronic license (电子证照). Holds no personal data in clear: the holder's ID number is only
 * available masked here.
 *
 * @param id                   电子证照标识 (GB/T 36904), e.g. {@code 1.2.156.3005.2.<type>.<issuer>.<serial>.<version>.<check>}
 * @param typeCode             证照类型代码
 * @param typeName             type name, e.g. 营业执照
 * @param departmentId         issuing department id
 * @param issuerName           颁发机构 name
 * @param issuerCreditCode     颁发机构代码 (the department's 统一社会信用代码)
 * @param holderKind           person or legal entity
 * @param holderName           持证主体 name
 * @param holderIdentifierMasked the holder's ID number masked (person) or credit code (entity)
 * @param holderAccountId      the holder's account, may be null
 * @param regionCode           the issuing department's 12-digit region code (for AccessScope)
 * @param data                 照面信息 by field key
 * @param validFrom            有效期起
 * @param validUntil           有效期止, null = 长期
 * @param issuedAt             when it was issued
 * @param status               current status (EXPIRED is derived from validUntil)
 * @param revokedAt            when revoked, or null
 * @param revokeReason         why revoked, or null
 * @param sourceRef            e.g. the 办件编号, may be null
 */
public record License(String id, String typeCode, String typeName, String departmentId, String issuerName, String issuerCreditCode,
                      HolderKind holderKind, String holderName, String holderIdentifierMasked, String holderAccountId,
                      String regionCode, Map<String, String> data, LocalDate validFrom, LocalDate validUntil, Instant issuedAt,
                      LicenseStatus status, Instant revokedAt, String revokeReason, String sourceRef) {

    public boolean valid() {
        return status == LicenseStatus.VALID;
    }
}
