package org.yiwang.identity.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Real-name checks against the base registries (基础库): the person registry for citizens and the
 * legal-entity registry for enterprises.
 */
@Component
class RegistryChecks {

    /** A person registry record: id, name and home region. */
    record PersonMatch(String id, String name) {
    }

    /** A legal-entity registry record. */
    record EntityMatch(String id, String name) {
    }

    Optional<PersonMatch> person(String idNumber) {
        return Optional.empty(); // wired to org.yiwang.registries.PersonRegistry once it lands
    }

    Optional<EntityMatch> entity(String creditCode) {
        return Optional.empty(); // wired to org.yiwang.registries.LegalEntityRegistry once it lands
    }
}
