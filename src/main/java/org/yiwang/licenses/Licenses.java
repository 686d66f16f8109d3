package org.yiwang.licenses;

import java.util.List;
import java.util.Optional;

/**
 * The electronic license service (电子证照) for other modules. Lookups are not scoped (platform-internal use,
 * e.g. checking a material 免提交); the REST API is scoped by {@code AccessScope}.
 */
public interface Licenses {

    /** Permission to revoke licenses (within the officer's scope). */
    String REVOKE = "license:revoke";

    /**
     * Issues a license: validates the type, holder and fields, assigns the GB/T 36904 identifier, seals the
     * canonical data with the issuing department's SM2 seal, records it (audited) and publishes {@link LicenseIssued}.
     * Runs in the caller's transaction. Issuing again with the same type and {@code sourceRef} returns the first id.
     *
     * @return the license id (电子证照标识)
     * @throws org.yiwang.shared.web.ProblemException 400 naming the field for bad input
     */
    String issue(IssueRequest request);

    /**
     * Revokes a license (撤销) with a reason, as the current caller, who needs {@link #REVOKE} and the license in
     * their scope; audited; publishes {@link LicenseRevoked}. 409 when already revoked.
     */
    License revoke(String licenseId, String reason);

    /** The license with this id (any status). */
    Optional<License> find(String licenseId);

    /**
     * A currently valid license of this type (code or name) held by the person with this 居民身份证号 or the entity with
     * this 统一社会信用代码 — the latest issued when several. Used to satisfy a material by a license (免提交).
     */
    Optional<License> validFor(String holderIdNumberOrCreditCode, String typeCodeOrName);

    /** A currently valid license of this type (code or name) linked to the holder's account, latest first. */
    Optional<License> validForAccount(String holderAccountId, String typeCodeOrName);

    /** All licenses linked to this account, newest first. */
    List<License> heldBy(String holderAccountId);

    /** All license types. */
    List<LicenseType> types();

    /** The type with this code or name. */
    Optional<LicenseType> type(String codeOrName);
}
