package org.yiwang.shared.ids;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Validators for the Chinese national identifiers the platform relies on.
 * <ul>
 * <li>居民身份证号 (GB 11643): 17 digits + ISO 7064 MOD 11-2 check character ('X' for 10).</li>
 * <li>统一社会信用代码 (GB 32100): 18 characters from {@code 0-9A-HJ-NPQRTUWXY}, weighted MOD 31 check character.</li>
 * <li>行政区划代码 (GB/T 2260, 6 digits) and 统计用区划代码 (12 digits).</li>
 * </ul>
 */
public final class ChineseIds {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final String CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private ChineseIds() {
    }

    /** True when {@code id} is an 18-character resident ID number with a valid birth date and check character. */
    public static boolean isValidResidentId(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(id.charAt(i)) || id.charAt(i) > '9') {
                return false;
            }
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            if (birth.getYear() < 1850 || birth.isAfter(LocalDate.now().plusDays(1))) {
                return false;
            }
        } catch (DateTimeException | NumberFormatException e) {
            return false;
        }
        return Character.toUpperCase(id.charAt(17)) == residentIdCheckChar(id.substring(0, 17));
    }

    /** The GB 11643 check character for the first 17 digits. */
    public static char residentIdCheckChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK[sum % 11];
    }

    /** Normalises an ID number (trim, upper-case 'x'). */
    public static String normaliseResidentId(String id) {
        return id == null ? null : id.trim().toUpperCase();
    }

    /** The birth date encoded in a valid resident ID number. */
    public static LocalDate birthDate(String residentId) {
        return LocalDate.of(Integer.parseInt(residentId.substring(6, 10)), Integer.parseInt(residentId.substring(10, 12)),
                Integer.parseInt(residentId.substring(12, 14)));
    }

    /** "M" or "F" from the sequence digit of a valid resident ID number (odd = male). */
    public static String sex(String residentId) {
        return (residentId.charAt(16) - '0') % 2 == 1 ? "M" : "F";
    }

    /** True when {@code code} is an 18-character unified social credit code with a valid check character. */
    public static boolean isValidCreditCode(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            if (CREDIT_CHARS.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        for (int i = 2; i < 8; i++) { // registration region: GB/T 2260 digits
            if (!Character.isDigit(code.charAt(i))) {
                return false;
            }
        }
        return code.charAt(17) == creditCodeCheckChar(code.substring(0, 17));
    }

    /** The GB 32100 check character for the first 17 characters. */
    public static char creditCodeCheckChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_CHARS.indexOf(first17.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return CREDIT_CHARS.charAt(c == 31 ? 0 : c);
    }

    /** A GB/T 2260 code: 6 digits, province part not 00. */
    public static boolean isValidAdminDivisionCode(String code) {
        return code != null && code.matches("\\d{6}") && !code.startsWith("00");
    }

    /** A 统计用区划代码: 12 digits whose first 6 are a GB/T 2260 code. */
    public static boolean isValidStatisticalRegionCode(String code) {
        return code != null && code.matches("\\d{12}") && isValidAdminDivisionCode(code.substring(0, 6));
    }

    /**
     * The significant prefix of a 12-digit statistical region code, which every descendant shares:
     * city {@code PPCC}, district {@code PPCCDD}, street {@code PPCCDDTTT}, community all 12.
     */
    public static String regionPrefix(String code12) {
        if (code12.endsWith("00000000")) {
            return code12.substring(0, 4);
        }
        if (code12.endsWith("000000")) {
            return code12.substring(0, 6);
        }
        if (code12.endsWith("000")) {
            return code12.substring(0, 9);
        }
        return code12;
    }
}
