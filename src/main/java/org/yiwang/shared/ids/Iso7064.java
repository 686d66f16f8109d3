package org.yiwang.shared.ids;

/**
 * ISO/IEC 7064 check character systems used by the national identifiers. The hybrid MOD 37,36 system works over
 * the 36 characters {@code 0-9A-Z} and is used by the 电子证照标识 (GB/T 36904) as well as by ISAN and GRid.
 */
public final class Iso7064 {

    /** The alphabet of MOD 37,36: digits then upper-case letters (values 0..35). */
    public static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Iso7064() {
    }

    /**
     * The ISO 7064 MOD 37,36 (hybrid system, M = 36) check character over {@code data}, which may only contain
     * {@code 0-9A-Z} (lower-case letters are taken as upper-case).
     *
     * @throws IllegalArgumentException for another character or empty data
     */
    public static char mod37_36(String data) {
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("no data");
        }
        final int m = 36;
        int p = m;
        for (int i = 0; i < data.length(); i++) {
            int v = ALPHANUMERIC.indexOf(Character.toUpperCase(data.charAt(i)));
            if (v < 0) {
                throw new IllegalArgumentException("character '" + data.charAt(i) + "' at " + i + " is not in 0-9A-Z");
            }
            int s = (p + v) % m;
            if (s == 0) {
                s = m;
            }
            p = (2 * s) % (m + 1);
        }
        return ALPHANUMERIC.charAt((m + 1 - p) % m);
    }

    /** True when the last character of {@code dataWithCheck} is the MOD 37,36 check character of the rest. */
    public static boolean isValidMod37_36(String dataWithCheck) {
        if (dataWithCheck == null || dataWithCheck.length() < 2) {
            return false;
        }
        String data = dataWithCheck.substring(0, dataWithCheck.length() - 1);
        for (int i = 0; i < dataWithCheck.length(); i++) {
            if (ALPHANUMERIC.indexOf(Character.toUpperCase(dataWithCheck.charAt(i))) < 0) {
                return false;
            }
        }
        return Character.toUpperCase(dataWithCheck.charAt(dataWithCheck.length() - 1)) == mod37_36(data);
    }
}
