package org.yiwang.notification;

import java.util.Map;

import org.springframework.util.PropertyPlaceholderHelper;

/**
 * Fills {@code ${name}} placeholders with Spring's {@link PropertyPlaceholderHelper}: {@code ${name:default}}
 * gives a default, {@code \${name}} stays literal, unknown names are left as they are. Values are inserted
 * literally: a value that itself contains {@code ${...}} is not expanded again.
 */
final class TemplateRenderer {

    private static final PropertyPlaceholderHelper HELPER = new PropertyPlaceholderHelper("${", "}", ":", '\\', true);

    private TemplateRenderer() {
    }

    static String render(String text, Map<String, String> variables) {
        if (text == null) {
            return null;
        }
        return HELPER.replacePlaceholders(text, name -> {
            String value = variables.get(name);
            // resolved values are parsed again by the helper: escape their placeholders so they stay literal
            return value == null ? null : value.replace("${", "\\${");
        });
    }
}
