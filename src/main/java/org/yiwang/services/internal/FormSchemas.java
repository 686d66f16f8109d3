package org.yiwang.services.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

import org.yiwang.shared.web.FieldViolation;

/**
 * Application forms as JSON Schema (draft 2020-12 subset): checks that a schema stays inside the subset the
 * portal can render, turns it into form fields, and validates submitted data with the networknt
 * json-schema-validator (which works on Jackson 2 trees; Jackson 2 sits beside Boot's Jackson 3 here, used
 * only for this).
 * <p>
 * The subset: a top-level {@code object} with {@code properties}, each of type string, number, integer or
 * boolean, or a string {@code enum}; {@code title}, {@code description}, {@code maxLength}, {@code minLength},
 * {@code pattern}, {@code minimum}, {@code maximum}, {@code format: date}; a top-level {@code required} list.
 */
final class FormSchemas {

    /** One input of the rendered form. */
    record Field(String name, String title, String kind, boolean required, List<String> options, Integer maxLength,
                 String pattern, String description) {
    }

    private static final Set<String> TOP_KEYS = Set.of("$schema", "$id", "type", "title", "description", "properties",
            "required", "additionalProperties");
    private static final Set<String> PROPERTY_KEYS = Set.of("type", "title", "description", "enum", "maxLength",
            "minLength", "pattern", "format", "minimum", "maximum", "default");
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean");

    private static final ObjectMapper JACKSON2 = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private FormSchemas() {
    }

    /** Problems of a schema outside the supported subset, each naming {@code field}.… */
    static List<FieldViolation> check(JsonNode schema, String field) {
        List<FieldViolation> out = new ArrayList<>();
        if (schema == null || !schema.isObject()) {
            out.add(new FieldViolation(field, "表单定义应为 JSON Schema 对象", "the form must be a JSON Schema object"));
            return out;
        }
        for (String key : schema.propertyNames()) {
            if (!TOP_KEYS.contains(key)) {
                out.add(new FieldViolation(field + "." + key, "不支持的关键字：" + key, "unsupported keyword: " + key));
            }
        }
        if (!"object".equals(schema.path("type").asString(""))) {
            out.add(new FieldViolation(field + ".type", "表单的 type 应为 object", "the form's type must be object"));
        }
        JsonNode props = schema.path("properties");
        if (!props.isObject() || props.isEmpty()) {
            out.add(new FieldViolation(field + ".properties", "表单至少需要一个字段", "the form needs at least one property"));
            return out;
        }
        for (String name : props.propertyNames()) {
            JsonNode p = props.get(name);
            String path = field + ".properties." + name;
            if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                out.add(new FieldViolation(path, "字段名只能由字母、数字和下划线组成", "property names are letters, digits and _"));
            }
            if (!p.isObject()) {
                out.add(new FieldViolation(path, "字段定义应为对象", "a property must be an object"));
                continue;
            }
            for (String key : p.propertyNames()) {
                if (!PROPERTY_KEYS.contains(key)) {
                    out.add(new FieldViolation(path + "." + key, "不支持的关键字：" + key, "unsupported keyword: " + key));
                }
            }
            String type = p.path("type").asString("");
            if (!TYPES.contains(type)) {
                out.add(new FieldViolation(path + ".type", "类型应为 string、number、integer 或 boolean",
                        "type must be string, number, integer or boolean"));
            }
            if (p.has("enum") && (!p.get("enum").isArray() || p.get("enum").isEmpty() || !"string".equals(type))) {
                out.add(new FieldViolation(path + ".enum", "enum 应为非空的字符串列表", "enum must be a non-empty list of strings"));
            }
            if (p.has("format") && !"date".equals(p.get("format").asString(""))) {
                out.add(new FieldViolation(path + ".format", "只支持 format: date", "only format: date is supported"));
            }
            if (p.has("pattern")) {
                try {
                    Pattern.compile(p.get("pattern").asString(""));
                } catch (PatternSyntaxException e) {
                    out.add(new FieldViolation(path + ".pattern", "不是有效的正则表达式", "not a valid regular expression"));
                }
            }
        }
        JsonNode required = schema.path("required");
        if (!required.isMissingNode()) {
            if (!required.isArray()) {
                out.add(new FieldViolation(field + ".required", "required 应为字段名列表", "required must be a list of property names"));
            } else {
                for (JsonNode r : required) {
                    if (!props.has(r.asString(""))) {
                        out.add(new FieldViolation(field + ".required", "required 中的字段不存在：" + r.asString(""),
                                "required names an unknown property: " + r.asString("")));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            try {
                REGISTRY.getSchema(JACKSON2.readTree(schema.toString()));
            } catch (Exception e) {
                out.add(new FieldViolation(field, "JSON Schema 无效：" + e.getMessage(), "invalid JSON Schema: " + e.getMessage()));
            }
        }
        return out;
    }

    /** The form's inputs in schema order. */
    static List<Field> fields(String schemaJson) {
        JsonNode schema = ItemStore.JSON.readTree(schemaJson);
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
                    p.has("maxLength") ? p.get("maxLength").asInt() : null,
                    p.has("pattern") ? p.get("pattern").asString() : null,
                    p.has("description") ? p.get("description").asString() : null));
        }
        return out;
    }

    /**
     * Converts submitted web form values (strings; checkboxes present or absent) to the schema's types:
     * blank inputs are left out, numbers parsed (left as text when not a number, so the validator reports it).
     */
    static Map<String, Object> fromWebForm(String schemaJson, Map<String, String> values) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Field f : fields(schemaJson)) {
            String v = values.get(f.name());
            if ("checkbox".equals(f.kind())) {
                data.put(f.name(), v != null && !v.isBlank() && !"false".equalsIgnoreCase(v));
                continue;
            }
            if (v == null || v.isBlank()) {
                continue;
            }
            if ("number".equals(f.kind())) {
                try {
                    data.put(f.name(), new BigDecimal(v.trim()));
                } catch (NumberFormatException e) {
                    data.put(f.name(), v.trim());
                }
            } else {
                data.put(f.name(), v.trim());
            }
        }
        return data;
    }

    /** Field → message for every violation of the schema by {@code data}; "" for errors about the whole form. */
    static Map<String, String> validate(String schemaJson, Map<String, Object> data, Locale locale) {
        Schema schema = CACHE.computeIfAbsent(schemaJson, s -> {
            try {
                return REGISTRY.getSchema(JACKSON2.readTree(s));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new IllegalStateException("stored form schema is not JSON", e);
            }
        });
        com.fasterxml.jackson.databind.JsonNode instance = JACKSON2.valueToTree(data == null ? Map.of() : data);
        Locale messages = locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        List<Error> errors = schema.validate(instance, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true).locale(messages)));
        Map<String, String> out = new LinkedHashMap<>();
        for (Error e : errors) {
            String field;
            if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
                field = e.getProperty();
            } else {
                String loc = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
                field = loc.replaceFirst("^\\$\\.?", "").replaceFirst("^/", "");
            }
            out.merge(field, e.getMessage(), (a, b) -> a + "；" + b);
        }
        return out;
    }
}
