package org.yiwang.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.yiwang.shared.web.FieldViolation;

/**
 * Password complexity (等保 2.0 identity authentication): at least 8 characters (at most 128) with an
 * upper-case letter, a lower-case letter, a digit and a symbol, and not containing the username.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** The reasons {@code password} is too weak, empty when it is acceptable. */
    static List<String[]> problems(String password, String username) {
        List<String[]> out = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            out.add(new String[] {"必须填写", "is required"});
            return out;
        }
        if (password.length() < MIN_LENGTH) {
            out.add(new String[] {"长度至少 " + MIN_LENGTH + " 位", "must be at least " + MIN_LENGTH + " characters"});
        }
        if (password.length() > MAX_LENGTH) {
            out.add(new String[] {"长度不能超过 " + MAX_LENGTH + " 位", "must be at most " + MAX_LENGTH + " characters"});
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            out.add(new String[] {"须包含大写字母", "needs an upper-case letter"});
        }
        if (password.chars().noneMatch(Character::isLowerCase)) {
            out.add(new String[] {"须包含小写字母", "needs a lower-case letter"});
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            out.add(new String[] {"须包含数字", "needs a digit"});
        }
        if (password.chars().allMatch(Character::isLetterOrDigit)) {
            out.add(new String[] {"须包含符号", "needs a symbol"});
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.trim().toLowerCase(Locale.ROOT))) {
            out.add(new String[] {"不能包含用户名", "must not contain the username"});
        }
        return out;
    }

    /** A field violation for {@code field} when the password is too weak, else null. */
    static FieldViolation check(String field, String password, String username) {
        List<String[]> p = problems(password, username);
        if (p.isEmpty()) {
            return null;
        }
        return new FieldViolation(field, String.join("；", p.stream().map(x -> x[0]).toList()),
                String.join("; ", p.stream().map(x -> x[1]).toList()));
    }
}
