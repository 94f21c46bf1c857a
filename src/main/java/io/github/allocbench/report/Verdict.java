package io.github.allocbench.report;

import io.github.allocbench.bench.BenchResult;
import io.github.allocbench.bench.RunResult;
import io.github.allocbench.bench.RunStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one sentence a reader wants first: which allocator kept the server's peak RSS lowest, and by how much against
 * the C library's own malloc ({@code system}). Ranked on RSS, not VSZ, because some allocators (mimalloc) reserve
 * address space eagerly without using it. With several trials an allocator's figure is the median of its ok trials,
 * so one noisy trial does not decide.
 */
final class Verdict {

    static final String BASELINE = "system";

    private Verdict() {
    }

    static String of(BenchResult result) {
        Map<String, List<Long>> peaks = new LinkedHashMap<>();
        for (RunResult run : result.runs()) {
            if (run.status() == RunStatus.OK && !run.samples().isEmpty()) {
                peaks.computeIfAbsent(run.allocator(), a -> new ArrayList<>()).add(run.summary().peakRssKb());
            }
        }
        if (peaks.isEmpty()) {
            return "No allocator completed a run, so there is nothing to compare: see the failures below.";
        }
        Map<String, Long> medians = new LinkedHashMap<>();
        peaks.forEach((allocator, values) -> medians.put(allocator, median(values)));
        String best = medians.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long bestKb = medians.get(best);
        String measure = result.config() != null && result.config().trials() > 1
                ? "the lowest median peak RSS" : "the lowest peak RSS";
        String lead = best + " had " + measure + ", " + Units.size(bestKb);

        Long systemKb = medians.get(BASELINE);
        if (systemKb == null) {
            return lead + "; " + BASELINE + " did not complete a run, so there is no baseline to compare with.";
        }
        if (best.equals(BASELINE)) {
            return medians.entrySet().stream()
                    .filter(e -> !e.getKey().equals(BASELINE))
                    .min(Map.Entry.comparingByValue())
                    .map(next -> lead + "; the next, " + next.getKey() + ", used "
                            + difference(next.getValue() - systemKb, systemKb) + " more.")
                    .orElse(lead + "; no other allocator completed a run.");
        }
        return lead + ": " + difference(systemKb - bestKb, systemKb) + " less than " + BASELINE
                + " (" + Units.size(systemKb) + ").";
    }

    private static String difference(long deltaKb, long systemKb) {
        return Units.mib(deltaKb) + " MiB (" + Units.percent(100.0 * deltaKb / systemKb) + ")";
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
