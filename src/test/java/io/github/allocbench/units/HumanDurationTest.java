package io.github.allocbench.units;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HumanDurationTest {

    @Test
    void readsEveryUnit() {
        assertThat(HumanDuration.parse("duration", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(HumanDuration.parse("duration", "10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(HumanDuration.parse("duration", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(HumanDuration.parse("duration", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HumanDuration.parse("duration", " 1h ")).isEqualTo(Duration.ofHours(1));
        assertThat(HumanDuration.parse("duration", "3 S")).isEqualTo(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "10", "10 seconds", "-5s", "s", ""})
    void refusesTextThatIsNotADurationNamingParameterAndValue(String text) {
        assertThatThrownBy(() -> HumanDuration.parse("duration", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration is '" + text + "'")
                .hasMessageContaining("500ms, 10s, 2m or 1h");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> HumanDuration.parse("sampleInterval", null))
                .hasMessageContaining("sampleInterval is 'null'");
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertThat(HumanDuration.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(HumanDuration.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(HumanDuration.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(HumanDuration.format(Duration.ofHours(3))).isEqualTo("3h");
        assertThat(HumanDuration.format(Duration.ZERO)).isEqualTo("0s");
    }
}
