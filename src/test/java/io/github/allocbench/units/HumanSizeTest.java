package io.github.allocbench.units;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HumanSizeTest {

    @Test
    void readsEveryUnitInKib() {
        assertThat(HumanSize.parseKib("maximum", "800KB")).isEqualTo(800.0);
        assertThat(HumanSize.parseKib("maximum", "800k")).isEqualTo(800.0);
        assertThat(HumanSize.parseKib("maximum", "512MB")).isEqualTo(512.0 * 1024);
        assertThat(HumanSize.parseKib("maximum", "1.5GB")).isEqualTo(1.5 * 1024 * 1024);
        assertThat(HumanSize.parseKib("maximum", "1T")).isEqualTo(1024.0 * 1024 * 1024);
        assertThat(HumanSize.parseKib("maximum", "2048B")).isEqualTo(2.0);
        assertThat(HumanSize.parseKib("maximum", " 300 mib ")).isEqualTo(300.0 * 1024);
    }

    @Test
    void decimalAndBinaryUnitsMeanTheSamePowersOf1024() {
        assertThat(HumanSize.parseKib("maximum", "300MB")).isEqualTo(HumanSize.parseKib("maximum", "300MiB"));
        assertThat(HumanSize.parseKib("maximum", "2GB")).isEqualTo(HumanSize.parseKib("maximum", "2GiB"));
        assertThat(HumanSize.parseKib("maximum", "1KB")).isEqualTo(HumanSize.parseKib("maximum", "1KiB"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"300", "1.8 GBs", "-5MB", "MB", "", "10%", "1,5GB"})
    void refusesTextThatIsNotASizeNamingParameterValueAndForms(String text) {
        assertThatThrownBy(() -> HumanSize.parseKib("limits[2].maximum", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limits[2].maximum is '" + text + "'")
                .hasMessageContaining("512MB, 1.5GB, 300MiB or 800KB")
                .hasMessageContaining("binary");
    }

    @Test
    void readsPercentages() {
        assertThat(HumanSize.parsePercent("maxIncrease peakRss", "10%")).isEqualTo(10.0);
        assertThat(HumanSize.parsePercent("maxIncrease peakRss", " 0.1 % ")).isCloseTo(0.1, within(1e-12));
        assertThat(HumanSize.isPercent("10%")).isTrue();
        assertThat(HumanSize.isPercent("10MB")).isFalse();
        assertThat(HumanSize.isPercent(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "%", "ten%", "-1%"})
    void refusesTextThatIsNotAPercentage(String text) {
        assertThatThrownBy(() -> HumanSize.parsePercent("maxIncrease peakRss", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxIncrease peakRss is '" + text + "'")
                .hasMessageContaining("10%, 0.1%");
    }
}
