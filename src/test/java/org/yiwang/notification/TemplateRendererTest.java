package org.yiwang.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    @Test
    void fillsPlaceholdersAndDefaults() {
        String out = TemplateRenderer.render("您的办件 ${caseNo} 状态：${status}。${note:}（${level:一般}）",
                Map.of("caseNo", "339902-0001", "status", "已受理"));
        assertThat(out).isEqualTo("您的办件 339902-0001 状态：已受理。（一般）");
    }

    @Test
    void leavesUnknownPlaceholdersAndDoesNotExpandValuesAgain() {
        String out = TemplateRenderer.render("${a} ${unknown} ${b}", Map.of("a", "${b}", "b", "B\\x"));
        assertThat(out).isEqualTo("${b} ${unknown} B\\x");
    }

    @Test
    void escapedPlaceholderStaysLiteral() {
        assertThat(TemplateRenderer.render("\\${a} ${a}", Map.of("a", "1"))).isEqualTo("${a} 1");
    }

    @Test
    void findsPlaceholderNames() {
        assertThat(TemplateStore.placeholders("${a} x ${b:def} ${c")).containsExactly("a", "b");
    }
}
