package org.yiwang.services.internal;

import java.util.List;

import tools.jackson.databind.JsonNode;

import org.yiwang.services.Fee;
import org.yiwang.services.Material;

/**
 * The editable content of an item version, as the admin API and the JSON import take it. Unset parts are
 * null (reported as missing where required). {@code type} and {@code zones} accept enum names or Chinese
 * names; {@code formSchema} is a JSON object (or its JSON text).
 */
public record ItemInput(String basicCode, String implementationCode, String name, String type, String legalBasis,
                        Integer statutoryDays, Integer promisedDays, String departmentId, Integer handlingType,
                        List<Fee> fees, List<Material> materials, JsonNode formSchema, List<String> keywords,
                        List<String> synonyms, List<String> zones) {

    /** The field names, in the order the import documents them. */
    static final List<String> FIELDS = List.of("basicCode", "implementationCode", "name", "type", "legalBasis",
            "statutoryDays", "promisedDays", "departmentId", "handlingType", "fees", "materials", "formSchema",
            "keywords", "synonyms", "zones");
}
