package org.yiwang.shared.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Iso7064Test {

    @Test
    void mod37_36MatchesPublishedVectors() {
        // GRid (Global Release Identifier) example A1-2425G-ABC1234002-M uses ISO 7064 MOD 37,36
        assertThat(Iso7064.mod37_36("A12425GABC1234002")).isEqualTo('M');
        // ISAN 0000-0000-D07A-0090-Q-0000-0000-X: both check characters are MOD 37,36
        assertThat(Iso7064.mod37_36("00000000D07A0090")).isEqualTo('Q');
        assertThat(Iso7064.mod37_36("00000000D07A009000000000")).isEqualTo('X');
        assertThat(Iso7064.mod37_36("a12425gabc1234002")).as("lower case taken as upper").isEqualTo('M');
        assertThat(Iso7064.isValidMod37_36("A12425GABC1234002M")).isTrue();
        assertThat(Iso7064.isValidMod37_36("A12425GABC1234002N")).isFalse();
        assertThat(Iso7064.isValidMod37_36("A12425GABC1234002-")).isFalse();
        assertThat(Iso7064.isValidMod37_36(null)).isFalse();
        assertThatThrownBy(() -> Iso7064.mod37_36("AB.C")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mod37_36DetectsEverySingleSubstitutionAndAdjacentTransposition() {
        String data = "11339900MB0001002W00111339900MB0001002W00000001001";
        char check = Iso7064.mod37_36(data);
        for (int i = 0; i < data.length(); i++) {
            for (char c : Iso7064.ALPHANUMERIC.toCharArray()) {
                if (c != data.charAt(i)) {
                    String changed = data.substring(0, i) + c + data.substring(i + 1);
                    assertThat(Iso7064.isValidMod37_36(changed + check)).as("substitution at %d by %s", i, c).isFalse();
                }
            }
            if (i + 1 < data.length() && data.charAt(i) != data.charAt(i + 1)) {
                String swapped = data.substring(0, i) + data.charAt(i + 1) + data.charAt(i) + data.substring(i + 2);
                assertThat(Iso7064.isValidMod37_36(swapped + check)).as("transposition at %d", i).isFalse();
            }
        }
    }

    @Test
    void electronicLicenseIdentifierFollowsGbt36904() {
        String id = ElectronicLicenseIds.format("11339900MB0001002W001", "11339902MB00020021", "00000001", "001");
        assertThat(id).startsWith("1.2.156.3005.2.11339900MB0001002W001.11339902MB00020021.00000001.001.");
        char check = id.charAt(id.length() - 1);
        assertThat(check).isEqualTo(Iso7064.mod37_36("11339900MB0001002W001" + "11339902MB00020021" + "00000001" + "001"));
        assertThat(ElectronicLicenseIds.isValid(id)).isTrue();
        ElectronicLicenseIds.Parts parts = ElectronicLicenseIds.parse(id).orElseThrow();
        assertThat(parts.typeCode()).isEqualTo("11339900MB0001002W001");
        assertThat(parts.issuerCode()).isEqualTo("11339902MB00020021");
        assertThat(parts.serial()).isEqualTo("00000001");
        assertThat(parts.version()).isEqualTo("001");

        char wrong = check == '0' ? '1' : '0';
        assertThat(ElectronicLicenseIds.isValid(id.substring(0, id.length() - 1) + wrong)).isFalse();
        assertThat(ElectronicLicenseIds.isValid(id.replace(".00000001.", ".00000002."))).isFalse();
        assertThat(ElectronicLicenseIds.parse("1.2.156.3005.2.X.Y.1.001.A")).isEmpty();
        assertThat(ElectronicLicenseIds.parse(null)).isEmpty();
        assertThat(ElectronicLicenseIds.isValidTypeCode("11339900MB0001002W001")).isTrue();
        assertThat(ElectronicLicenseIds.isValidTypeCode("11339900MB0001002X001")).isFalse();
    }
}
