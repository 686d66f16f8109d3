package org.yiwang.registries;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person of the population registry. Only the name is in clear; the ID number, phone and address are
 * ciphertexts to pass to {@code PersonalDataVault} ({@code display} for officers, {@code revealOwn} for the
 * person themself; kinds ID_NUMBER, PHONE, ADDRESS), whose full reads are audited.
 *
 * @param id                 registry id
 * @param name               name (姓名)
 * @param sex                "M" or "F", from the ID number
 * @param birthDate          from the ID number
 * @param regionCode         the community (村/社区) of residence, 12-digit code
 * @param sourceDepartmentId the department that provided the record (提供部门)
 * @param updatedAt          when the source last provided it
 * @param idNumberCipher     居民身份证号, encrypted
 * @param phoneCipher        phone number, encrypted (may be null)
 * @param addressCipher      address, encrypted (may be null)
 */
public record PersonRecord(String id, String name, String sex, LocalDate birthDate, String regionCode, String sourceDepartmentId,
                           Instant updatedAt, String idNumberCipher, String phoneCipher, String addressCipher) {

    /** The reference used in audit records of reads of this person's data. */
    public String subjectRef() {
        return "person:" + id;
    }
}
