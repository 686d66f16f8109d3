package org.yiwang.registries;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A legal entity of the legal-entity registry. Registration data is public and in clear; the legal
 * representative's ID number is a ciphertext for {@code PersonalDataVault} (kind ID_NUMBER).
 *
 * @param id                          registry id
 * @param creditCode                  统一社会信用代码
 * @param name                        registered name
 * @param entityType                  kind of entity
 * @param legalRepresentativeName     法定代表人 (or 负责人 / 经营者)
 * @param legalRepresentativeIdCipher the representative's 居民身份证号, encrypted
 * @param legalRepresentativeIdIndex  the blind index of that ID number (compare with {@code PersonalDataVault.blindIndex})
 * @param registeredAddress           住所
 * @param regionCode                  12-digit region code of the registration
 * @param establishedOn               成立日期 (may be null)
 * @param status                      登记状态
 * @param sourceDepartmentId          the department that provided the record (提供部门)
 * @param updatedAt                   when the source last provided it
 */
public record LegalEntityRecord(String id, String creditCode, String name, EntityType entityType, String legalRepresentativeName,
                                String legalRepresentativeIdCipher, String legalRepresentativeIdIndex, String registeredAddress,
                                String regionCode, LocalDate establishedOn, EntityStatus status, String sourceDepartmentId,
                                Instant updatedAt) {

    public String subjectRef() {
        return "legal-entity:" + id;
    }
}
