package org.yiwang.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code yiwang.calendar.*}: defaults, overrides as a city would write them, refusal of nonsense. */
class CalendarPropertiesTest {

    private static CalendarProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("yiwang.calendar", CalendarProperties.class);
    }

    @Test
    void defaultsAreShanghaiAndSevenAndAHalfHours() {
        CalendarProperties p = bind(Map.of());
        assertThat(p.zone().getId()).isEqualTo("Asia/Shanghai");
        assertThat(p.periods()).extracting(CalendarProperties.Period::start).containsExactly(LocalTime.of(8, 30), LocalTime.of(13, 30));
        assertThat(p.periods().stream().map(CalendarProperties.Period::length).reduce(Duration.ZERO, Duration::plus))
                .isEqualTo(Duration.ofMinutes(450));
        assertThat(p.reloadInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCityCanSetItsOwnHours() {
        CalendarProperties p = bind(Map.of("yiwang.calendar.working-hours", "09:00-12:00,13:30-17:00", "yiwang.calendar.zone", "Asia/Urumqi"));
        assertThat(p.periods()).hasSize(2);
        assertThat(p.periods().get(1).end()).isEqualTo(LocalTime.of(17, 0));
        assertThat(p.zone().getId()).isEqualTo("Asia/Urumqi");
    }

    @Test
    void overlappingHoursStopStartUp() {
        assertThatThrownBy(() -> bind(Map.of("yiwang.calendar.working-hours", "09:00-13:00,12:00-17:00")))
                .hasRootCauseMessage("yiwang.calendar.working-hours: 12:00-17:00 overlaps or precedes the period before it");
    }
}
