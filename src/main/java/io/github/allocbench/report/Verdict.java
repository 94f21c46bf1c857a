package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.WindowRise;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The sentences a reader wants first, computed from the data. Memory is ranked on native memory — RSS minus the Java
 * heap's resident part, the only part an allocator governs — on its peak and on what stayed after the cooldown;
 * then throughput and p99 latency. Each best figure is compared with the C library's own malloc ({@code system}, or
 * the next best when system is best) under {@link NoiseRule}: below its floor the two are "about the same" and no
 * percentage is printed; with one trial the sentence says it cannot call the difference and how many trials would;
 * with several, a difference inside the trials' ranges is called noise. Percentages are of native memory. Results
 * written before native figures existed are ranked on total RSS, and say so. The verdict ends with the rule and the
 * {@link Recommendation}. A ranked run whose window opened before the load had settled ({@link WindowRise}) is named
 * with its figures and the longer {@code settle} it needs. Runs that failed, were skipped or were found invalid are
 * named, since they are not ranked.
 *
 * <p>In a merged report allocator names carry their source as {@code name@label}, and on several JDKs their JDK as
 * {@code name@jdk25}; each is compared with the {@code system} run of the same source and JDK, because machines and
 * JDKs differ more than allocators do.
 */
final class Verdict {

    static final String BASELINE = "system";
    static final char SOURCE_SEPARATOR = RunResult.VARIANT_SEPARATOR;

    private record Ranking(Metric metric, String lowest, String highest, String noun) {
    }

    private static final List<Ranking> NATIVE_RANKINGS = List.of(
            new Ranking(Metric.PEAK_NATIVE_RSS, "the lowest peak native memory", null, "peak native memory"),
            new Ranking(Metric.RETAINED_NATIVE_RSS, "the least native memory retained after the cooldown", null,
                    "retained native memory"),
            new Ranking(Metric.REQUESTS_PER_SECOND, null, "the highest throughput", "throughput"),
            new Ranking(Metric.P99_LATENCY, "the lowest p99 latency", null, "p99 latency"));

    private static final List<Ranking> TOTAL_RANKINGS = List.of(
            new Ranking(Metric.PEAK_RSS, "the lowest peak RSS", null, "peak RSS"),
            new Ranking(Metric.RETAINED_RSS, "the lowest RSS retained after the cooldown", null, "retained RSS"),
            NATIVE_RANKINGS.get(2), NATIVE_RANKINGS.get(3));

    private Verdict() {
    }

    /** The recommendation that ends the verdict, with the lines that ship it. */
    static Recommendation recommendation(BenchResult result) {
        return Recommendation.of(result, AllocatorStats.of(result).stream().filter(s -> s.okRuns() > 0).toList());
    }

    /** The verdict as one paragraph, for the console. */
    static String of(BenchResult result) {
        return String.join(" ", sentences(result));
    }

    /** The verdict's sentences: what memory is ranked on, one per ranking that has data, the rule, the advice. */
    static List<String> sentences(BenchResult result) {
        List<AllocatorStats> stats = AllocatorStats.of(result);
        List<AllocatorStats> ranked = stats.stream().filter(s -> s.okRuns() > 0).toList();
        List<String> sentences = new ArrayList<>();
        if (result.interrupted()) {
            long missing = result.runs().stream().filter(r -> r.status() == RunStatus.INTERRUPTED).count();
            sentences.add("This bench was interrupted (SIGINT or SIGTERM): " + missing + " planned run"
                    + (missing == 1 ? "" : "s") + " did not finish, so the comparison below is incomplete.");
        }
        if (ranked.isEmpty()) {
            sentences.add("No allocator completed a run, so there is nothing to compare: see the failures below.");
        } else {
            boolean nativeFigures = ranked.stream().anyMatch(s -> s.metrics().containsKey(Metric.PEAK_NATIVE_RSS));
            sentences.add(nativeFigures
                    ? "Memory is ranked on native memory: RSS minus the Java heap's resident part, the only part an "
                    + "allocator governs; total RSS, what a container limit sees, stays in the table."
                    : "These results carry no native memory figures (written before them), so memory is ranked on "
                    + "total RSS, Java heap included, which hides most of the allocators' differences.");
            boolean medians = result.config() != null && result.config().trials() > 1;
            for (Ranking ranking : nativeFigures ? NATIVE_RANKINGS : TOTAL_RANKINGS) {
                sentence(ranking, ranked, medians).ifPresent(sentences::add);
            }
            sentences.addAll(unsettled(result, medians));
            sentences.add(NoiseRule.statement());
            sentences.add(Recommendation.of(result, ranked).sentence());
        }
        unranked(result, stats).ifPresent(sentences::add);
        return sentences;
    }

    /** One sentence per ranked run whose throughput was still rising in its window, then the advice; or none. */
    private static List<String> unsettled(BenchResult result, boolean trials) {
        List<String> sentences = new ArrayList<>();
        for (RunResult run : result.runs()) {
            if (run.isJudgeable()) {
                WindowRise.of(run.load()).ifPresent(rise -> sentences.add(ReportView.name(run, trials)
                        + "'s measured window opened before the load had settled: "
                        + rise.figures() + ", so its req/s and latency describe a start-up transient, not the "
                        + "steady state, and are not ranked."));
            }
        }
        if (!sentences.isEmpty() && result.config() != null) {
            sentences.add(WindowRise.adviceSentence(result.config().settleMs()));
        }
        return sentences;
    }

    private static Optional<String> sentence(Ranking ranking, List<AllocatorStats> ranked, boolean medians) {
        Metric metric = ranking.metric();
        List<AllocatorStats> measured = ranked.stream().filter(s -> s.metrics().containsKey(metric)).toList();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        Comparator<AllocatorStats> better = Comparator.comparingDouble(s -> s.metrics().get(metric).median());
        if (metric.higherIsBetter()) {
            better = better.reversed();
        }
        AllocatorStats best = measured.stream().min(better).orElseThrow();
        double bestMedian = best.metrics().get(metric).median();
        String what = metric.higherIsBetter() ? ranking.highest() : ranking.lowest();
        what = medians ? what.replaceFirst("the (\\w+)", "the $1 median") : what;
        String lead = best.allocator() + " had " + what + ", " + value(metric, bestMedian);

        String baselineName = baselineFor(best.allocator());
        Optional<AllocatorStats> baseline = measured.stream().filter(s -> s.allocator().equals(baselineName))
                .findFirst();
        if (baseline.isEmpty()) {
            return Optional.of(lead + "; " + baselineName + " has no completed run to compare with.");
        }
        AllocatorStats reference = baseline.get();
        if (reference == best) {
            Optional<AllocatorStats> next = measured.stream().filter(s -> s != best).min(better);
            if (next.isEmpty()) {
                return Optional.of(lead + "; no other allocator completed a run.");
            }
            reference = next.get();
        }
        double referenceMedian = reference.metrics().get(metric).median();
        NoiseRule.Call call = NoiseRule.call(metric, best, reference);
        if (call == NoiseRule.Call.ABOUT_THE_SAME) {
            return Optional.of(best.allocator() + " and " + reference.allocator() + " had about the same "
                    + ranking.noun() + ": " + value(metric, bestMedian) + " and " + value(metric, referenceMedian)
                    + ", less apart than " + value(metric, NoiseRule.floor(metric, referenceMedian)) + ".");
        }
        double delta = Math.abs(bestMedian - referenceMedian);
        String direction = metric.higherIsBetter() ? " more than " : " less than ";
        String compared = lead + ", " + difference(metric, delta, percentBase(metric, reference),
                reference.allocator()) + direction
                + reference.allocator() + " (" + value(metric, referenceMedian) + ")";
        return Optional.of(switch (call) {
            case UNSETTLED -> compared + ", but with " + trials(best, reference) + " that cannot be told from "
                    + "run-to-run noise: run with trials=" + NoiseRule.SUGGESTED_TRIALS + " (at least "
                    + NoiseRule.MIN_TRIALS + ") to settle it.";
            case INSIDE_NOISE -> compared + ", but that is inside the run-to-run noise: over the trials "
                    + ranges(metric, best, reference) + ".";
            default -> compared + ", beyond the run-to-run noise: over the trials " + ranges(metric, best, reference)
                    + ".";
        });
    }

    /** How many trials the two allocators had, in words, when one had fewer than the rule needs. */
    private static String trials(AllocatorStats a, AllocatorStats b) {
        return a.okRuns() == 1 && b.okRuns() == 1 ? "one trial each"
                : "one trial of " + (a.okRuns() == 1 ? a.allocator() : b.allocator());
    }

    private static String ranges(Metric metric, AllocatorStats a, AllocatorStats b) {
        return a.allocator() + " ranged " + range(metric, a.metrics().get(metric)) + " and " + b.allocator() + " "
                + range(metric, b.metrics().get(metric));
    }

    /**
     * What a difference in {@code metric} is a percentage of: the reference's own figure, except for memory retained
     * after the cooldown, which can be near zero and is put against the reference's peak memory instead.
     */
    private static double percentBase(Metric metric, AllocatorStats reference) {
        Metric base = metric == Metric.RETAINED_NATIVE_RSS ? Metric.PEAK_NATIVE_RSS
                : metric == Metric.RETAINED_RSS ? Metric.PEAK_RSS : metric;
        AllocatorStats.Spread spread = reference.metrics().get(base);
        return spread == null ? 0 : spread.median();
    }

    /** The {@code system} allocator of the same source and JDK as {@code allocator} ({@code system@jdk25@a}). */
    static String baselineFor(String allocator) {
        return RunResult.sibling(allocator, BASELINE);
    }

    private static Optional<String> unranked(BenchResult result, List<AllocatorStats> stats) {
        List<String> parts = new ArrayList<>();
        for (AllocatorStats s : stats) {
            if (s.okRuns() == s.runs()) {
                continue;
            }
            List<RunResult> runs = result.runs().stream().filter(r -> r.variant().equals(s.allocator())).toList();
            long failed = runs.stream().filter(r -> r.status() == RunStatus.FAILED).count();
            long skipped = runs.stream().filter(r -> r.status() == RunStatus.SKIPPED).count();
            long invalid = runs.stream().filter(r -> r.status() == RunStatus.OK && !r.isJudgeable()).count();
            long interrupted = runs.stream().filter(r -> r.status() == RunStatus.INTERRUPTED).count();
            long all = failed + skipped + invalid + interrupted;
            List<String> hows = new ArrayList<>();
            if (failed > 0) {
                hows.add(all > failed ? "failed " + failed : "failed");
            }
            if (skipped > 0) {
                hows.add(all > skipped ? "skipped " + skipped : "was skipped");
            }
            if (invalid > 0) {
                hows.add(all > invalid ? "invalid " + invalid : "was invalid");
            }
            if (interrupted > 0) {
                hows.add(all > interrupted ? "interrupted " + interrupted : "was interrupted");
            }
            String how = String.join(" and ", hows);
            String part = s.allocator() + " " + how;
            if (s.runs() > 1 || s.okRuns() > 0) {
                part += " (" + (s.runs() - s.okRuns()) + " of " + s.runs() + " runs)";
            }
            if (s.okRuns() > 0) {
                part += ", ranked on its " + s.okRuns() + " completed run" + (s.okRuns() == 1 ? "" : "s");
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        boolean anyRanked = stats.stream().anyMatch(s -> s.okRuns() > 0);
        return Optional.of((anyRanked ? "Not all runs completed: " : "") + capitalised(String.join("; ", parts),
                anyRanked) + "; the summary below says why.");
    }

    private static String capitalised(String text, boolean keep) {
        return keep || text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A figure with its unit. */
    static String value(Metric metric, double value) {
        return switch (metric.unit()) {
            case KIB -> value < 0 ? "-" + Units.size(Math.round(-value)) : Units.size(Math.round(value));
            case PER_SECOND -> Units.rate(value) + " req/s";
            case MILLIS -> Units.millis(value);
            case PERCENT -> Units.percent(value);
        };
    }

    private static String range(Metric metric, AllocatorStats.Spread spread) {
        return value(metric, spread.min()) + " to " + value(metric, spread.max());
    }

    /**
     * A non-negative difference with its unit (MiB for sizes) and in percent of {@code base}, which is left out when
     * the base lies below the floor: a percentage of a value near zero says nothing.
     */
    private static String difference(Metric metric, double delta, double base, String reference) {
        String absolute = switch (metric.unit()) {
            case KIB -> Units.mib(Math.round(delta)) + " MiB";
            default -> value(metric, delta);
        };
        boolean meaningful = metric.unit() == Metric.Unit.KIB ? base >= NoiseRule.SIZE_FLOOR_KIB : base > 0;
        String of = metric != Metric.RETAINED_NATIVE_RSS && metric != Metric.RETAINED_RSS ? ""
                : " of " + reference + "'s peak";
        return meaningful ? absolute + " (" + Units.percent(100.0 * delta / base) + of + ")" : absolute;
    }
}
