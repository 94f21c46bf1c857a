package io.github.allocbench.result;

import io.github.allocbench.units.Median;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One allocator's figures across the trials of a bench (on several JDKs, one allocator's on one JDK): per metric
 * the median (what limits and baselines compare) and the min–max range (what shows the noise). Only judgeable runs
 * count: ok, and not found invalid; and a run whose measured window was still climbing ({@link WindowRise}) counts
 * for memory but not for throughput and latency ({@link Metric#paceDependent()}).
 *
 * @param allocator the allocator's name, with its JDK's label on several JDKs ({@link RunResult#variant()})
 * @param okRuns    how many of its runs ended ok and were not found invalid
 * @param runs      how many of its runs there were
 * @param metrics   median, min and max per metric measured by at least one ok run
 */
public record AllocatorStats(String allocator, int okRuns, int runs, Map<Metric, Spread> metrics) {

    public AllocatorStats {
        metrics = metrics.isEmpty() ? Map.of() : new EnumMap<>(metrics);
    }

    /** Median, smallest and largest value of one metric over the trials. */
    public record Spread(double median, double min, double max) {
    }

    /** The stats of every allocator of {@code result}, in the bench's allocator order. */
    public static List<AllocatorStats> of(BenchResult result) {
        List<String> names = new ArrayList<>(result.config().variants());
        for (RunResult run : result.runs()) {
            if (!names.contains(run.variant())) {
                names.add(run.variant());
            }
        }
        List<AllocatorStats> stats = new ArrayList<>();
        for (String name : names) {
            List<RunResult> runs = result.runs().stream().filter(r -> r.variant().equals(name)).toList();
            if (runs.isEmpty()) {
                continue;
            }
            List<RunResult> ok = runs.stream().filter(RunResult::isJudgeable).toList();
            List<RunResult> settled = ok.stream().filter(r -> !WindowRise.climbed(r)).toList();
            Map<Metric, Spread> metrics = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                List<Double> values = (metric.paceDependent() ? settled : ok).stream()
                        .map(metric::of).filter(v -> v != null).sorted().toList();
                if (!values.isEmpty()) {
                    metrics.put(metric, new Spread(Median.of(values), values.get(0), values.get(values.size() - 1)));
                }
            }
            stats.add(new AllocatorStats(name, ok.size(), runs.size(), metrics));
        }
        return stats;
    }
}
