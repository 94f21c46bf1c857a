package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.AtomicFile;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the bench's figures for trend dashboards, in the {@code customSmallerIsBetter} and
 * {@code customBiggerIsBetter} shape of github-action-benchmark: an array of {@code {"name", "unit", "value",
 * "extra"}}, one entry per allocator and metric, the value the allocator's median over its valid runs.
 * {@code benchmark-smaller.json} holds memory, latency and errors, {@code benchmark-bigger.json} throughput.
 *
 * <p>The plugin is an instrument: a run that did not measure what it claims (failed, skipped, interrupted or
 * invalid) never feeds a trend. Such runs are left out, named in the {@code extra} of their allocator's entries when
 * other trials of it were valid, and in {@link Written#leftOut()} when none was.
 */
public final class BenchmarkTrend {

    /** The file of the figures where less is better: memory in MiB, latency in ms, error rate in percent. */
    public static final String SMALLER = "benchmark-smaller.json";
    /** The file of the figures where more is better: requests per second. */
    public static final String BIGGER = "benchmark-bigger.json";

    private static final double KIB_PER_MIB = 1024;

    /** The memory metrics, latency and errors; not peak VSZ (address space, not memory), nor outside NMT. */
    private static final List<Metric> SMALLER_METRICS = List.of(Metric.PEAK_NATIVE_RSS,
            Metric.MEDIAN_LOAD_NATIVE_RSS, Metric.RETAINED_NATIVE_RSS, Metric.PEAK_RSS, Metric.MEDIAN_LOAD_RSS,
            Metric.RETAINED_RSS, Metric.P99_LATENCY, Metric.ERROR_RATE);
    private static final List<Metric> BIGGER_METRICS = List.of(Metric.REQUESTS_PER_SECOND);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    /**
     * One trend point in github-action-benchmark's shape.
     *
     * @param name  {@code <allocator> <metric>}, e.g. {@code jemalloc peakNativeRss}
     * @param unit  {@code MiB}, {@code ms}, {@code %} or {@code req/s}
     * @param value the allocator's median over its valid runs
     * @param extra how many runs the median is of, and which runs were left out and why
     */
    public record Entry(String name, String unit, double value, String extra) {
    }

    /**
     * What was written.
     *
     * @param smaller the smaller-is-better file
     * @param bigger  the bigger-is-better file
     * @param leftOut one sentence per allocator that contributed no figure, saying why
     */
    public record Written(Path smaller, Path bigger, List<String> leftOut) {
    }

    private BenchmarkTrend() {
    }

    /** Writes both trend files of {@code result} into {@code outputDirectory}, replacing them atomically. */
    public static Written write(BenchResult result, Path outputDirectory) throws IOException {
        Path smaller = outputDirectory.resolve(SMALLER);
        Path bigger = outputDirectory.resolve(BIGGER);
        List<Entry> smallerEntries = entries(result, SMALLER_METRICS);
        List<Entry> biggerEntries = entries(result, BIGGER_METRICS);
        AtomicFile.write(smaller, out -> JSON.writeValue(out, smallerEntries));
        AtomicFile.write(bigger, out -> JSON.writeValue(out, biggerEntries));
        return new Written(smaller, bigger, leftOut(result));
    }

    /** The entries of {@code metrics} for every allocator with at least one valid run, in the bench's order. */
    static List<Entry> entries(BenchResult result, List<Metric> metrics) {
        List<Entry> entries = new ArrayList<>();
        for (AllocatorStats stats : AllocatorStats.of(result)) {
            if (stats.okRuns() == 0) {
                continue;
            }
            String extra = extra(result, stats);
            for (Metric metric : metrics) {
                AllocatorStats.Spread spread = stats.metrics().get(metric);
                if (spread != null) {
                    entries.add(new Entry(stats.allocator() + " " + metric.key(), unit(metric),
                            value(metric, spread.median()), extra));
                }
            }
        }
        return entries;
    }

    /** One sentence per allocator without a valid run: it contributes no figure. */
    public static List<String> leftOut(BenchResult result) {
        List<String> sentences = new ArrayList<>();
        for (AllocatorStats stats : AllocatorStats.of(result)) {
            if (stats.okRuns() == 0) {
                sentences.add(stats.allocator() + ": " + String.join("; ", notCounted(result, stats.allocator())));
            }
        }
        return sentences;
    }

    private static String extra(BenchResult result, AllocatorStats stats) {
        String of = "median of " + stats.okRuns() + " valid run(s) of " + stats.runs();
        List<String> notCounted = notCounted(result, stats.allocator());
        return notCounted.isEmpty() ? of : of + "; left out: " + String.join("; ", notCounted);
    }

    /** Why each run of {@code allocator} that does not count was left out. */
    private static List<String> notCounted(BenchResult result, String allocator) {
        List<String> reasons = new ArrayList<>();
        for (RunResult run : result.runs()) {
            if (!run.variant().equals(allocator) || run.isJudgeable()) {
                continue;
            }
            String why = run.validity() != null && !run.validity().valid()
                    ? "invalid, " + String.join(", ", run.validity().reasons())
                    : run.status().label() + (run.failure() == null ? "" : ", " + run.failure().lines().findFirst()
                    .orElse(""));
            reasons.add("trial " + run.trial() + " " + why);
        }
        return reasons;
    }

    private static String unit(Metric metric) {
        return switch (metric.unit()) {
            case KIB -> "MiB";
            case MILLIS -> "ms";
            case PERCENT -> "%";
            case PER_SECOND -> "req/s";
        };
    }

    private static double value(Metric metric, double median) {
        double v = metric.unit() == Metric.Unit.KIB ? median / KIB_PER_MIB : median;
        return Math.round(v * 1000) / 1000.0;
    }
}
