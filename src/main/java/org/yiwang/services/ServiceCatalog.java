package org.yiwang.services;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to the service catalog (事项库) for other modules (applications, 一件事, licences, fees …).
 * Applications keep the id of the exact version they were made against ({@link #version(String)}).
 */
public interface ServiceCatalog {

    /** The item version with this id, whatever its status. */
    Optional<ServiceItem> version(String id);

    /** The published version of the item with this 实施编码. */
    Optional<ServiceItem> published(String implementationCode);

    /** Every version of the item with this 实施编码, oldest first. */
    List<ServiceItem> versions(String implementationCode);

    /** Every published item, ordered by name then 实施编码. */
    List<ServiceItem> publishedItems();

    /** The published items sharing this 基本编码 (the same item at city, district, street levels). */
    List<ServiceItem> byBasicCode(String basicCode);

    /** Full-text search (Chinese) over the published items, best first. */
    List<SearchHit> search(CatalogQuery query);

    /**
     * Validates application form data against the item version's JSON Schema.
     *
     * @return field name → message (in the current locale); empty when valid. The key {@code ""} holds
     *         errors that are not about one field.
     */
    Map<String, String> validateForm(String itemId, Map<String, Object> data);
}
