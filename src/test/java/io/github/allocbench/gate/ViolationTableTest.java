package io.github.allocbench.gate;

import io.github.allocbench.result.CheckResult;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.allocbench.gate.GateFixture.GIB;
import static io.github.allocbench.gate.GateFixture.MIB;
import static org.assertj.core.api.Assertions.assertThat;

class ViolationTableTest {

    @Test
    void listsAllocatorMetricActualLimitOrBaselineAndDifference() {
        List<CheckResult> violations = List.of(
                new CheckResult("jemalloc", "peakRss", "maximum", 1.91 * GIB, 1.8 * GIB, null, false, "m"),
                new CheckResult("system", "retainedRss", "maxIncrease", 180.0 * MIB, 110.0 * MIB, 100.0 * MIB,
                        false, "m"),
                new CheckResult("system", "requestsPerSecond", "minimum", 20_000, 25_000, null, false, "m"),
                new CheckResult("system", "errorRate", "maximum", 0.5, 0.1, null, false, "m"));

        assertThat(ViolationTable.of(violations)).isEqualTo(String.join("\n",
                "allocator | metric            | actual       | limit or baseline                  | difference",
                "jemalloc  | peakRss           | 1.91 GiB     | maximum 1.80 GiB                   | +113 MiB (+6.1%)",
                "system    | retainedRss       | 180 MiB      | baseline 100 MiB (at most 110 MiB) | +80 MiB (+80.0%)",
                "system    | requestsPerSecond | 20,000 req/s | minimum 25,000 req/s               | -5,000 req/s (-20.0%)",
                "system    | errorRate         | 0.50%        | maximum 0.10%                      | +0.40%"));
    }
}
