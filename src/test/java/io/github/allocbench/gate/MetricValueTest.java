package io.github.allocbench.gate;

import io.github.allocbench.result.Metric;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricValueTest {

    @Test
    void readsEachMetricInItsOwnUnit() {
        assertThat(MetricValue.parse(Metric.PEAK_RSS, "maximum", "1.5GB")).isEqualTo(1.5 * 1024 * 1024);
        assertThat(MetricValue.parse(Metric.RETAINED_RSS, "maximum", "300MiB")).isEqualTo(300.0 * 1024);
        assertThat(MetricValue.parse(Metric.REQUESTS_PER_SECOND, "minimum", "25000")).isEqualTo(25_000.0);
        assertThat(MetricValue.parse(Metric.REQUESTS_PER_SECOND, "minimum", "25k")).isEqualTo(25_000.0);
        assertThat(MetricValue.parse(Metric.REQUESTS_PER_SECOND, "minimum", "1.5k req/s")).isEqualTo(1_500.0);
        assertThat(MetricValue.parse(Metric.P99_LATENCY, "maximum", "50ms")).isEqualTo(50.0);
        assertThat(MetricValue.parse(Metric.P99_LATENCY, "maximum", "1s")).isEqualTo(1_000.0);
        assertThat(MetricValue.parse(Metric.ERROR_RATE, "maximum", "0.1%")).isEqualTo(0.1);
    }

    @Test
    void refusesAValueInAnotherMetricsUnit() {
        assertThatThrownBy(() -> MetricValue.parse(Metric.PEAK_RSS, "limits[1].maximum", "50ms"))
                .hasMessageContaining("limits[1].maximum is '50ms', which is not a size");
        assertThatThrownBy(() -> MetricValue.parse(Metric.REQUESTS_PER_SECOND, "limits[1].minimum", "1GB"))
                .hasMessageContaining("limits[1].minimum is '1GB', which is not a rate")
                .hasMessageContaining("25000, 25k");
        assertThatThrownBy(() -> MetricValue.parse(Metric.P99_LATENCY, "limits[1].maximum", "50"))
                .hasMessageContaining("limits[1].maximum is '50', which is not a duration");
        assertThatThrownBy(() -> MetricValue.parse(Metric.ERROR_RATE, "limits[1].maximum", "0.1"))
                .hasMessageContaining("limits[1].maximum is '0.1', which is not a percentage");
    }

    @Test
    void formatsAsTheReportDoes() {
        assertThat(MetricValue.format(Metric.PEAK_RSS, 1.8 * 1024 * 1024)).isEqualTo("1.80 GiB");
        assertThat(MetricValue.format(Metric.PEAK_RSS, 300 * 1024)).isEqualTo("300 MiB");
        assertThat(MetricValue.format(Metric.REQUESTS_PER_SECOND, 25_000)).isEqualTo("25,000 req/s");
        assertThat(MetricValue.format(Metric.P99_LATENCY, 7.25)).isEqualTo("7.3 ms");
        assertThat(MetricValue.format(Metric.ERROR_RATE, 0.05)).isEqualTo("0.05%");
        assertThat(MetricValue.format(Metric.ERROR_RATE, 0)).isEqualTo("0%");
        assertThat(MetricValue.formatDifference(Metric.PEAK_RSS, -40 * 1024)).isEqualTo("-40 MiB");
        assertThat(MetricValue.formatDifference(Metric.REQUESTS_PER_SECOND, 2_000)).isEqualTo("+2,000 req/s");
    }
}
