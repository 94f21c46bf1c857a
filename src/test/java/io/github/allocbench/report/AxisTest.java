package io.github.allocbench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AxisTest {

    @Test
    void aLinearAxisSpansTheDataInNiceStepsRatherThanStartingAtZero() {
        Axis rss = Axis.linear(2_150, 2_230);
        assertThat(rss.min()).isEqualTo(2_150);
        assertThat(rss.max()).isEqualTo(2_230);
        assertThat(rss.step()).isEqualTo(10);
        assertThat(rss.ticks()).first().isEqualTo(2_150.0);
        assertThat(rss.fraction(2_190)).isEqualTo(0.5);
    }

    @Test
    void aFlatSeriesStillGetsAnAxisOfOneStep() {
        Axis flat = Axis.linear(500, 500);
        assertThat(flat.max()).isGreaterThan(flat.min());
        assertThat(flat.fraction(500)).isBetween(0.0, 1.0);
    }

    @Test
    void aLogAxisCoversWholeDecades() {
        Axis latency = Axis.logarithmic(2.3, 870);
        assertThat(latency.min()).isEqualTo(1);
        assertThat(latency.max()).isEqualTo(1_000);
        assertThat(latency.ticks()).contains(1.0, 2.0, 5.0, 10.0, 100.0, 1_000.0);
    }
}
