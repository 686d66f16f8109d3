package org.yiwang.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unit tests of the region code rules. */
class OrganizationValidationTest {

    @Test
    void levelFollowsTheTwelveDigitCode() {
        assertThat(RegionLevel.ofCode("339900000000")).isEqualTo(RegionLevel.CITY);
        assertThat(RegionLevel.ofCode("339902000000")).isEqualTo(RegionLevel.DISTRICT);
        assertThat(RegionLevel.ofCode("339902001000")).isEqualTo(RegionLevel.STREET);
        assertThat(RegionLevel.ofCode("339903100201")).isEqualTo(RegionLevel.COMMUNITY);
        assertThat(RegionLevel.ofCode("330000000000")).as("a province is not one of the city's levels").isNull();
        assertThat(RegionLevel.ofCode("339902000001")).as("a community needs a street").isNull();
        assertThat(RegionLevel.ofCode("33990200100")).isNull();
        assertThat(RegionLevel.ofCode("33990200100A")).isNull();
        assertThat(RegionLevel.COMMUNITY.parent()).isEqualTo(RegionLevel.STREET);
        assertThat(RegionLevel.CITY.parent()).isNull();
    }

    @Test
    void divisionCodeOnlyForCityAndDistrict() {
        assertThat(new Region("339900000000", "示例市", RegionLevel.CITY, null).divisionCode()).isEqualTo("339900");
        assertThat(new Region("339902001000", "湖滨街道", RegionLevel.STREET, "339902000000").divisionCode()).isNull();
    }
}
