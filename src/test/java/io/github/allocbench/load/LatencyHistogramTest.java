package io.github.allocbench.load;

import io.github.allocbench.result.LatencySummary;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void emptyHistogramSummarisesAsNone() {
        assertThat(new LatencyHistogram().summary()).isEqualTo(LatencySummary.NONE);
    }

    @Test
    void summarisesPercentilesInMilliseconds() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            histogram.record(TimeUnit.MILLISECONDS.toNanos(ms));
        }

        LatencySummary summary = histogram.summary();

        assertThat(summary.p50()).isCloseTo(500, within(1.0));
        assertThat(summary.p90()).isCloseTo(900, within(1.0));
        assertThat(summary.p99()).isCloseTo(990, within(1.0));
        assertThat(summary.p999()).isCloseTo(999, within(1.0));
        assertThat(summary.max()).isCloseTo(1000, within(1.0));
    }

    @Test
    void keepsSubMillisecondResolution() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(TimeUnit.MICROSECONDS.toNanos(250));

        assertThat(histogram.summary().max()).isCloseTo(0.25, within(0.001));
    }

    @Test
    void aLaterSummaryIncludesEarlierValues() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(TimeUnit.MILLISECONDS.toNanos(100));
        histogram.summary();
        histogram.record(TimeUnit.MILLISECONDS.toNanos(1));

        assertThat(histogram.summary().max()).isCloseTo(100, within(0.1));
    }

    @Test
    void clampsAbsurdValuesInsteadOfFailing() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(TimeUnit.DAYS.toNanos(2));

        assertThat(histogram.summary().max()).isGreaterThanOrEqualTo(TimeUnit.HOURS.toMillis(1) * 0.99);
    }
}
