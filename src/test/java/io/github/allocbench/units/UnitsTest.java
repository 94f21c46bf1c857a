package io.github.allocbench.units;


import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {

    @Test
    void sizesUseBinaryUnitsAndSayWhichOne() {
        assertThat(Units.size(812)).isEqualTo("812 KiB");
        assertThat(Units.size(7_680)).isEqualTo("7.5 MiB");
        assertThat(Units.size(421_888)).isEqualTo("412 MiB");
        assertThat(Units.size(1_688_207)).isEqualTo("1.61 GiB");
        assertThat(Units.sizeOfBytes(25_769_803_776L)).isEqualTo("24.00 GiB");
        assertThat(Units.mib(1_691_955)).isEqualTo("1,652.3");
    }

    @Test
    void countsAndRatesHaveThousandsSeparatorsAndLatenciesTheirUnit() {
        assertThat(Units.count(10_000)).isEqualTo("10,000");
        assertThat(Units.rate(24_812.6)).isEqualTo("24,813");
        assertThat(Units.millis(0.4213)).isEqualTo("0.42 ms");
        assertThat(Units.millis(17.46)).isEqualTo("17.5 ms");
        assertThat(Units.millis(1_234.5)).isEqualTo("1,235 ms");
        assertThat(Units.percent(17.06)).isEqualTo("17.1%");
        assertThat(Units.seconds(12.46)).isEqualTo("12.5 s");
        assertThat(Units.seconds(1_204)).isEqualTo("1,204.0 s");
    }

    @Test
    void ignoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Units.size(1_688_207)).isEqualTo("1.61 GiB");
            assertThat(Units.rate(24_812.6)).isEqualTo("24,813");
            assertThat(Units.coordinate(1234.56)).isEqualTo("1234.6");
        } finally {
            Locale.setDefault(saved);
        }
    }
}
