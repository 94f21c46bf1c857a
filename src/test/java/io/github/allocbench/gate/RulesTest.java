package io.github.allocbench.gate;

import io.github.allocbench.result.Metric;
import io.github.allocbench.units.ConfigurationException;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesTest {

    @Test
    void aLimitWithoutAllocatorBoundsEveryAllocator() {
        Limit limit = Limit.parse("limits[1]", null, "peakRss", "1.8GB", null);

        assertThat(limit).isEqualTo(new Limit("*", Metric.PEAK_RSS, 1.8 * 1024 * 1024, null));
        assertThat(limit.appliesTo("system")).isTrue();
        assertThat(limit.appliesTo("jemalloc")).isTrue();
    }

    @Test
    void aLimitOnOneAllocatorBoundsOnlyIt() {
        Limit limit = Limit.parse("limits[2]", " jemalloc ", "requestsPerSecond", null, "25k");

        assertThat(limit.minimum()).isEqualTo(25_000.0);
        assertThat(limit.maximum()).isNull();
        assertThat(limit.appliesTo("jemalloc")).isTrue();
        assertThat(limit.appliesTo("system")).isFalse();
    }

    @Test
    void refusesLimitsThatCannotBeChecked() {
        assertThatThrownBy(() -> Limit.parse("limits[3]", null, "peakRSZ", "1GB", null))
                .hasMessageContaining("limits[3]: metric 'peakRSZ' is unknown. Use one of: peakRss");
        assertThatThrownBy(() -> Limit.parse("limits[3]", null, null, "1GB", null))
                .hasMessageContaining("limits[3] has no <metric>");
        assertThatThrownBy(() -> Limit.parse("limits[3]", null, "peakRss", null, " "))
                .hasMessageContaining("has neither <maximum> nor <minimum>")
                .hasMessageContaining("<maximum>1.5GB</maximum>");
        assertThatThrownBy(() -> Limit.parse("limits[3]", null, "peakRss", "1GB", "2GB"))
                .hasMessageContaining("minimum 2.00 GiB above its maximum 1.00 GiB");
        assertThatThrownBy(() -> Limit.parse("limits[3]", null, "peakRss", "1.8 gigs", null))
                .hasMessageContaining("limits[3].maximum is '1.8 gigs', which is not a size");
    }

    @Test
    void refusesALimitOnAnAllocatorThatIsNotBenched() {
        GateRules rules = new GateRules(List.of(Limit.parse("limits[1]", "tcmaloc", "peakRss", "1GB", null)),
                List.of());

        assertThatThrownBy(() -> rules.requireAllocators(List.of("system", "jemalloc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names allocator 'tcmaloc', which this bench does not run")
                .hasMessageContaining("Use one of system, jemalloc, or leave <allocator> out (or write *)");
    }

    @Test
    void readsMaxIncreaseAsPercentOrAbsoluteAmountInMetricOrder() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("retainedRss", "64MB");
        entries.put("peakRss", "10%");
        entries.put("p99Latency", "5ms");

        List<MaxIncrease> parsed = MaxIncrease.parseAll(entries);

        assertThat(parsed).containsExactly(
                new MaxIncrease(Metric.PEAK_RSS, 10, true),
                new MaxIncrease(Metric.RETAINED_RSS, 64 * 1024, false),
                new MaxIncrease(Metric.P99_LATENCY, 5, false));
        assertThat(parsed.get(0).describe()).isEqualTo("10%");
        assertThat(new MaxIncrease(Metric.PEAK_RSS, 12.5, true).describe()).isEqualTo("12.5%");
        assertThat(parsed.get(1).describe()).isEqualTo("64 MiB");
    }

    @Test
    void aPercentageIsRelativeEvenForErrorRate() {
        assertThat(MaxIncrease.parse("errorRate", "50%")).isEqualTo(new MaxIncrease(Metric.ERROR_RATE, 50, true));
    }

    @Test
    void refusesMaxIncreaseThatCannotBeRead() {
        assertThatThrownBy(() -> MaxIncrease.parse("peakRSZ", "10%"))
                .hasMessageContaining("maxIncrease: metric 'peakRSZ' is unknown");
        assertThatThrownBy(() -> MaxIncrease.parse("peakRss", "ten"))
                .hasMessageContaining("maxIncrease peakRss is 'ten', which is not a size");
        assertThatThrownBy(() -> MaxIncrease.parse("peakRss", ""))
                .hasMessageContaining("maxIncrease peakRss is empty")
                .hasMessageContaining("<peakRss>10%</peakRss>");
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("peakRss", "10%");
        twice.put("PEAKRSS", "5%");
        assertThatThrownBy(() -> MaxIncrease.parseAll(twice)).hasMessageContaining("maxIncrease names peakRss twice");
    }

    @Test
    void refusesAPercentageOnAMetricThatCanBeZeroOrNegative() {
        assertThatThrownBy(() -> MaxIncrease.parse("retainedRss", "15%"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("maxIncrease retainedRss is '15%', a percentage, but retainedRss can be zero "
                        + "or negative")
                .hasMessageContaining("<retainedRss>64MB</retainedRss>");
        assertThatThrownBy(() -> MaxIncrease.parse("outsideNmt", "10%"))
                .hasMessageContaining("<outsideNmt>64MB</outsideNmt>");
        assertThat(MaxIncrease.parse("outsideNmt", "32MB"))
                .isEqualTo(new MaxIncrease(Metric.OUTSIDE_NMT, 32 * 1024, false));
    }
}
