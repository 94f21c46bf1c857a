package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.RunResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchmarkTrendTest {

    @Test
    void writesTheValidRunsInGithubActionBenchmarksShapeAndNothingOfTheOthers(@TempDir Path dir) throws Exception {
        BenchResult result = CiFixture.result();
        BenchmarkTrend.Written written = BenchmarkTrend.write(result, dir);

        JsonNode smaller = new ObjectMapper().readTree(written.smaller().toFile());
        assertThat(written.smaller()).isEqualTo(dir.resolve("benchmark-smaller.json"));
        assertThat(smaller.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        smaller.forEach(e -> names.add(e.get("name").asText()));
        assertThat(names).containsExactly(
                "system peakNativeRss", "system medianLoadNativeRss", "system retainedNativeRss", "system peakRss",
                "system medianLoadRss", "system retainedRss", "system p99Latency", "system errorRate",
                "tcmalloc peakNativeRss", "tcmalloc medianLoadNativeRss", "tcmalloc retainedNativeRss",
                "tcmalloc peakRss", "tcmalloc medianLoadRss", "tcmalloc retainedRss", "tcmalloc p99Latency",
                "tcmalloc errorRate");
        JsonNode systemPeak = smaller.get(0);
        RunResult system = result.runs().get(0);
        assertThat(systemPeak.get("unit").asText()).isEqualTo("MiB");
        assertThat(systemPeak.get("value").asDouble())
                .isCloseTo(system.summary().peakNativeRssKb() / 1024.0, within(0.001));
        assertThat(systemPeak.get("extra").asText()).isEqualTo("median of 1 valid run(s) of 1");
        JsonNode tcmallocP99 = smaller.get(14);
        assertThat(tcmallocP99.get("unit").asText()).isEqualTo("ms");
        assertThat(tcmallocP99.get("value").asDouble())
                .isCloseTo(Metric.P99_LATENCY.of(result.runs().get(3)), within(0.001));
        assertThat(tcmallocP99.get("extra").asText()).isEqualTo("median of 1 valid run(s) of 2; left out: trial 2 "
                + "invalid, " + CiFixture.INVALID);

        JsonNode bigger = new ObjectMapper().readTree(written.bigger().toFile());
        assertThat(bigger).hasSize(2);
        assertThat(bigger.get(1).get("name").asText()).isEqualTo("tcmalloc requestsPerSecond");
        assertThat(bigger.get(1).get("unit").asText()).isEqualTo("req/s");
        assertThat(bigger.get(1).get("value").asDouble()).isEqualTo(31_005.6);

        assertThat(written.leftOut()).containsExactly(
                "jemalloc: trial 1 skipped, " + ResultFixture.JEMALLOC_HINT,
                "mimalloc: trial 1 failed, " + ResultFixture.MIMALLOC_FAILURE);
    }

    @Test
    void takesTheMedianOverTrials(@TempDir Path dir) throws Exception {
        BenchmarkTrend.Written written = BenchmarkTrend.write(ResultFixture.trials(), dir);

        JsonNode bigger = new ObjectMapper().readTree(written.bigger().toFile());
        assertThat(bigger.get(0).get("name").asText()).isEqualTo("system requestsPerSecond");
        assertThat(bigger.get(0).get("value").asDouble()).isEqualTo(25_000.0);
        assertThat(bigger.get(0).get("extra").asText()).isEqualTo("median of 3 valid run(s) of 3");
        assertThat(written.leftOut()).isEmpty();
    }
}
