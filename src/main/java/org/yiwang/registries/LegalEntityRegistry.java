package org.yiwang.registries;

import java.util.List;
import java.util.Optional;

/** The legal-entity registry (法人库). Not scoped (platform-internal use); the REST API is. */
public interface LegalEntityRegistry {

    /** The entity with this 统一社会信用代码 (upper-cased before lookup); empty when unknown. */
    Optional<LegalEntityRecord> findByCreditCode(String creditCode);

    /** The entity with this registry id. */
    Optional<LegalEntityRecord> find(String id);

    /** The entities whose legal representative has this ID number (through its blind index), ordered by name. */
    List<LegalEntityRecord> findByLegalRepresentative(String idNumber);
}
