package org.yiwang.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the hostile-input checks look for, and the endpoint table they drive. An answer is acceptable when its status
 * is below 500 and its body discloses no internals: no stack frames, exception class names, SQL driver or framework
 * package names (unless the request itself carried that text, which a validation message may quote back).
 */
final class Hostile {

    private Hostile() {
    }

    private static final Pattern LEAK = Pattern.compile(
            "(\\bat (?:org|java|jdk|com|sun|tools)\\.[\\w.$]+\\(|\\b[A-Z]\\w*(?:Exception|Error)\\b(?![\"-])|\\.java:\\d+|Caused by:|"
                    + "org\\.springframework|org\\.yiwang\\.|java\\.lang\\.|SQLState|PSQLException|org\\.postgresql|org\\.h2\\.|JdbcSQL\\w*|"
                    + "SQL syntax|syntax error at or near|Hikari)");

    /** Internals the body discloses that none of the inputs contained. */
    static List<String> leaks(String body, List<String> inputs) {
        List<String> found = new ArrayList<>();
        if (body == null) {
            return found;
        }
        Matcher m = LEAK.matcher(body);
        while (m.find()) {
            String hit = m.group(1);
            if (inputs.stream().noneMatch(i -> i != null && i.contains(hit))) {
                found.add(hit);
            }
        }
        return found;
    }

    /** Classic SQL-injection probes. */
    static final List<String> SQL = List.of("' OR '1'='1", "' OR 1=1 --", "1; DROP TABLE gov_event; --", "\" OR \"\"=\"",
            "x' UNION SELECT username, password_hash FROM identity_account --", "%' AND 1=CAST((SELECT version()) AS int) --",
            "'; SELECT pg_sleep(0); --", "\\'; --", "0x27", "$$;drop table audit_entry;$$", "E'\\x27'", "' || (select 1) || '");

    /** XSS probes: each is harmless only when escaped. */
    static final List<String> XSS = List.of("<script>alert('yiwang-xss')</script>", "<img src=x onerror=alert('yiwang-xss')>",
            "\"><svg onload=alert('yiwang-xss')>", "javascript:alert('yiwang-xss')", "</textarea><script>alert('yiwang-xss')</script>",
            "{{7*7}}[[${7*7}]]__${T(java.lang.Runtime)}__::.x");

    /** Odd but legal input: overlong, control characters, Unicode edge cases, numbers out of range. */
    static final List<String> ODD = List.of("", " ", "\u0000", "\uFEFF\u202E逆序", "😀".repeat(200), "a".repeat(70_000), "NaN", "-Infinity",
            "1e309", "-0", "99999999999999999999999999", "null", "[]", "{}", "%00", "../../../../etc/passwd", "\r\nX-Injected: 1",
            "C:\\\\windows\\\\win.ini", "${jndi:ldap://127.0.0.1/a}");
}
