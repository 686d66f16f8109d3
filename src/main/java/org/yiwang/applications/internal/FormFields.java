package org.yiwang.applications.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The inputs of an item's JSON Schema form for the apply page, in schema order (the same subset the catalog accepts:
 * string/number/integer/boolean properties, {@code enum}, {@code format: date}); and web form values back to typed data.
 */
final class FormFields {

    /** One input. {@code kind}: text, number, checkbox, select, date. */
    record Field(String name, String title, String kind, boolean required, List<String> options, Integer maxLength, String description) {
    }

    private FormFields() {
    }

    static List<Field> of(String schemaJson) {
        if (schemaJson == null || schemaJson.isBlank()) {
            return List.of();
        }
        JsonNode schema = ApplicationService.JSON.readTree(schemaJson);
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString("")));
        List<Field> out = new ArrayList<>();
        JsonNode props = schema.path("properties");
        for (String name : props.propertyNames()) {
            JsonNode p = props.get(name);
            String type = p.path("type").asString("string");
            List<String> options = new ArrayList<>();
            p.path("enum").forEach(e -> options.add(e.asString("")));
            String kind = !options.isEmpty() ? "select"
                    : "boolean".equals(type) ? "checkbox"
                    : "number".equals(type) || "integer".equals(type) ? "number"
                    : "date".equals(p.path("format").asString("")) ? "date" : "text";
            out.add(new Field(name, p.path("title").asString(name), kind, required.contains(name), options,
                    p.has("maxLength") ? p.get("maxLength").asInt() : null, p.has("description") ? p.get("description").asString() : null));
        }
        return out;
    }

    /** Web form strings → schema-typed data: blanks left out, checkboxes true/false, numbers parsed (else kept as text). */
    static Map<String, Object> data(String schemaJson, Map<String, String> values) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Field f : of(schemaJson)) {
            String v = values.get("f." + f.name());
            if ("checkbox".equals(f.kind())) {
                data.put(f.name(), v != null && !v.isBlank() && !"false".equalsIgnoreCase(v));
                continue;
            }
            if (v == null || v.isBlank()) {
                continue;
            }
            if ("number".equals(f.kind())) {
                try {
                    BigDecimal n = new BigDecimal(v.trim());
                    data.put(f.name(), n.scale() <= 0 ? (Object) n.toBigInteger() : n);
                } catch (NumberFormatException e) {
                    data.put(f.name(), v.trim());
                }
            } else {
                data.put(f.name(), v.trim());
            }
        }
        return data;
    }
}
