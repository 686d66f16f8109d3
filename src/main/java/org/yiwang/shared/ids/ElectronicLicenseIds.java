package org.yiwang.shared.ids;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 电子证照标识 (GB/T 36904): {@code 1.2.156.3005.2.{证照类型代码}.{颁发机构代码}.{流水号}.{版本号}.{校验位}} where
 * 证照类型代码 is the defining authority's 统一社会信用代码 + 3 digits (21 characters), 颁发机构代码 the issuer's
 * 统一社会信用代码 (18), 流水号 a serial of digits, 版本号 3 digits and 校验位 the ISO 7064 MOD 37,36 check
 * character over the concatenation of the four parts before it (without the dots and without the fixed root).
 */
public final class ElectronicLicenseIds {

    /** The fixed root (OID arc) of every electronic license identifier. */
    public static final String ROOT = "1.2.156.3005.2";

    private static final Pattern SHAPE = Pattern.compile(
            "1\\.2\\.156\\.3005\\.2\\.([0-9A-Z]{21})\\.([0-9A-Z]{18})\\.([0-9]{1,20})\\.([0-9]{3})\\.([0-9A-Z])");

    private ElectronicLicenseIds() {
    }

    /** The parts of an identifier. */
    public record Parts(String typeCode, String issuerCode, String serial, String version, char check) {
    }

    /** Builds the identifier with its check character. */
    public static String format(String typeCode, String issuerCode, String serial, String version) {
        String body = typeCode + issuerCode + serial + version;
        return ROOT + "." + typeCode + "." + issuerCode + "." + serial + "." + version + "." + Iso7064.mod37_36(body);
    }

    /** The parts when {@code id} has the identifier's shape (check character not verified); empty otherwise. */
    public static Optional<Parts> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parts(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5).charAt(0)));
    }

    /** True when {@code id} has the identifier's shape and a correct check character. */
    public static boolean isValid(String id) {
        return parse(id).map(p -> Iso7064.mod37_36(p.typeCode() + p.issuerCode() + p.serial() + p.version()) == p.check())
                .orElse(false);
    }

    /** True when the 证照类型代码 is a valid 统一社会信用代码 followed by 3 digits. */
    public static boolean isValidTypeCode(String typeCode) {
        return typeCode != null && typeCode.length() == 21 && ChineseIds.isValidCreditCode(typeCode.substring(0, 18))
                && typeCode.substring(18).chars().allMatch(Character::isDigit);
    }
}
