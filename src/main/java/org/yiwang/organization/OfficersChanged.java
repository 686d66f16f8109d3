package org.yiwang.organization;

import java.util.Set;

/**
 * Published (in the importing transaction) when officers were created or their name, status, reporting
 * line or assignments changed, so that modules caching what officers may do can refresh it.
 *
 * @param officerIds ids of the officers that changed
 */
public record OfficersChanged(Set<String> officerIds) {

    public OfficersChanged {
        officerIds = Set.copyOf(officerIds);
    }
}
