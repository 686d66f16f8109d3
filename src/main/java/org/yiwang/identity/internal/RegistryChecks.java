package org.yiwang.identity.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import org.yiwang.registries.EntityStatus;
import org.yiwang.registries.LegalEntityRegistry;
import org.yiwang.registries.PersonRegistry;

/**
 * Real-name checks against the base registries (基础库): the person registry (人口库) for citizens and the
 * legal-entity registry (法人库) for enterprises.
 */
@Component
class RegistryChecks {

    /** A person registry record: id and name. */
    record PersonMatch(String id, String name) {
    }

    /** A legal-entity registry record: id, name, legal representative (name and the blind index of the ID number), status. */
    record EntityMatch(String id, String name, String legalRepName, String legalRepIdIndex, boolean active) {
    }

    private final PersonRegistry persons;
    private final LegalEntityRegistry entities;

    RegistryChecks(PersonRegistry persons, LegalEntityRegistry entities) {
        this.persons = persons;
        this.entities = entities;
    }

    Optional<PersonMatch> person(String idNumber) {
        return persons.findByIdNumber(idNumber).map(p -> new PersonMatch(p.id(), p.name()));
    }

    Optional<EntityMatch> entity(String creditCode) {
        return entities.findByCreditCode(creditCode).map(e -> new EntityMatch(e.id(), e.name(), e.legalRepresentativeName(),
                e.legalRepresentativeIdIndex(), e.status() == EntityStatus.ACTIVE));
    }
}
