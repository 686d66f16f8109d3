package org.yiwang.shared.ids;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseIdsTest {

    @Test
    void residentIdCheckCharacterFollowsGb11643() {
        // the example from GB 11643-1999 appendix: 11010519491231002X
        assertThat(ChineseIds.isValidResidentId("11010519491231002X")).isTrue();
        assertThat(ChineseIds.isValidResidentId("11010519491231002x")).isTrue();
        assertThat(ChineseIds.isValidResidentId("110105194912310021")).isFalse();
        assertThat(ChineseIds.residentIdCheckChar("44052418800101001")).isEqualTo('4');
        assertThat(ChineseIds.isValidResidentId("440524188001010014")).isTrue();
        assertThat(ChineseIds.isValidResidentId("110105194913310020")).as("month 13").isFalse();
        assertThat(ChineseIds.isValidResidentId("11010519491231002")).isFalse();
        assertThat(ChineseIds.isValidResidentId(null)).isFalse();
        assertThat(ChineseIds.birthDate("11010519491231002X")).hasYear(1949).hasMonthValue(12).hasDayOfMonth(31);
        assertThat(ChineseIds.sex("11010519491231002X")).isEqualTo("F");
    }

    @Test
    void creditCodeCheckCharacterFollowsGb32100() {
        assertThat(ChineseIds.isValidCreditCode("91350100M000100Y43")).isTrue();
        assertThat(ChineseIds.isValidCreditCode("91350100M000100Y44")).isFalse();
        assertThat(ChineseIds.isValidCreditCode("9135010OM000100Y43")).as("letter O not allowed").isFalse();
        String first17 = "91339900MA2B3C4D5";
        String code = first17 + ChineseIds.creditCodeCheckChar(first17);
        assertThat(ChineseIds.isValidCreditCode(code)).isTrue();
    }

    @Test
    void regionCodesAndPrefixes() {
        assertThat(ChineseIds.isValidAdminDivisionCode("339900")).isTrue();
        assertThat(ChineseIds.isValidAdminDivisionCode("33990")).isFalse();
        assertThat(ChineseIds.isValidStatisticalRegionCode("339902001001")).isTrue();
        assertThat(ChineseIds.regionPrefix("339900000000")).isEqualTo("3399");
        assertThat(ChineseIds.regionPrefix("339902000000")).isEqualTo("339902");
        assertThat(ChineseIds.regionPrefix("339902001000")).isEqualTo("339902001");
        assertThat(ChineseIds.regionPrefix("339902001002")).isEqualTo("339902001002");
    }
}
