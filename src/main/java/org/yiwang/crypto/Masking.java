package org.yiwang.crypto;

/** Display masking of personal data (e.g. {@code 330***********1234}, {@code 138****5678}, {@code 张*明}). */
public final class Masking {

    private Masking() {
    }

    public static String mask(PersonalDataKind kind, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (kind) {
            case ID_NUMBER -> keep(value, 3, 4);
            case PHONE -> value.length() == 11 ? keep(value, 3, 4) : keep(value, 2, 2);
            case EMAIL -> {
                int at = value.indexOf('@');
                yield at <= 1 ? "*" + value.substring(Math.max(at, 0)) : value.charAt(0) + "***" + value.substring(at);
            }
            case ADDRESS -> value.codePointCount(0, value.length()) <= 6 ? keep(value, 2, 0)
                    : value.substring(0, value.offsetByCodePoints(0, 6)) + "****";
            case NAME -> {
                int n = value.codePointCount(0, value.length());
                if (n == 1) {
                    yield "*";
                }
                String first = value.substring(0, value.offsetByCodePoints(0, 1));
                yield n == 2 ? first + "*" : first + "*".repeat(n - 2) + value.substring(value.offsetByCodePoints(0, n - 1));
            }
        };
    }

    private static String keep(String v, int head, int tail) {
        int n = v.length();
        if (n <= head + tail) {
            return "*".repeat(n);
        }
        return v.substring(0, head) + "*".repeat(n - head - tail) + v.substring(n - tail);
    }
}
