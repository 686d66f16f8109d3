package org.yiwang.governance.internal.events;

import java.util.Map;

import org.yiwang.governance.CityEvent;
import org.yiwang.shared.security.Caller;

/**
 * Contact details of a reporter who is not an account of the platform (e.g. a resident who reported through an
 * Open311 client), as {@code caller} may see them: masked unless the caller holds {@code personal-data:read-full}
 * (full reads audited). Implemented by the entrances that collect such details; shown in an event's detail.
 */
public interface ReporterContacts {

    /** Field name → displayed value (only the fields present), or an empty map when this source has none for the event. */
    Map<String, String> contact(CityEvent event, Caller caller);
}
