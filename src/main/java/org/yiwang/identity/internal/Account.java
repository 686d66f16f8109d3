package org.yiwang.identity.internal;

import java.time.Instant;

import org.yiwang.shared.security.CallerType;

/** One row of {@code identity_account}: personal data only as cipher text. */
record Account(
        String id,
        String username,
        CallerType type,
        String displayName,
        String status,
        String passwordHash,
        Instant passwordChangedAt,
        int failedAttempts,
        Instant lockedUntil,
        String realNameLevel,
        String nameEnc,
        String idNumberEnc,
        String phoneEnc,
        String personId,
        String creditCode,
        String entityName,
        String legalEntityId,
        String legalRepNameEnc,
        String legalRepIdEnc,
        String officerId,
        String totpSecretEnc,
        boolean totpEnabled,
        Long totpLastStep,
        Instant createdAt) {

    static final String ACTIVE = "ACTIVE";
    static final String DISABLED = "DISABLED";
    static final String SELF_DECLARED = "SELF_DECLARED";
    static final String REGISTRY_VERIFIED = "REGISTRY_VERIFIED";

    boolean active() {
        return ACTIVE.equals(status);
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Officers and administrators may (and, once enrolled, must) use a second factor. */
    boolean privileged() {
        return type == CallerType.OFFICER || type == CallerType.ADMIN;
    }
}
