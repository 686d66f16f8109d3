package org.yiwang.registries;

import java.util.Optional;

/**
 * The population registry (人口库). Lookups are exact, through the ID number's blind index; this Java API is
 * not scoped (it serves the platform's own checks such as 实名核验 and form prefill); the REST API is.
 */
public interface PersonRegistry {

    /** The person with this 居民身份证号 (any case of the check character); empty when unknown or not a valid ID number. */
    Optional<PersonRecord> findByIdNumber(String idNumber);

    /** The person with this registry id. */
    Optional<PersonRecord> find(String id);
}
