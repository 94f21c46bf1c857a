package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The sentences a reader wants first, computed from the data: which allocator had the lowest peak RSS, the lowest
 * RSS retained after the cooldown, the highest throughput and the lowest p99 latency, each with its difference to
 * the C library's own malloc ({@code system}). Ranked on RSS, not VSZ, because some allocators (mimalloc) reserve
 * address space eagerly without using it. With several trials an allocator's figure is its median over its ok
 * trials ({@link AllocatorStats}), and a difference that lies inside the two allocators' min–max ranges is called
 * noise. Runs that failed or were skipped are named, since they are not ranked.
 *
 * <p>In a merged report allocator names carry their source as {@code name@label}; each is compared with the
 * {@code system} run of the same source, because machines differ more than allocators do.
 */
final class Verdict {

    static final String BASELINE = "system";
    static final char SOURCE_SEPARATOR = '@';

    private record Ranking(Metric metric, String lowest, String highest, String noun) {
    }

    private static final List<Ranking> RANKINGS = List.of(
            new Ranking(Metric.PEAK_RSS, "the lowest peak RSS", null, "peak RSS"),
            new Ranking(Metric.RETAINED_RSS, "the lowest RSS retained after the cooldown", null, "retained RSS"),
            new Ranking(Metric.REQUESTS_PER_SECOND, null, "the highest throughput", "throughput"),
            new Ranking(Metric.P99_LATENCY, "the lowest p99 latency", null, "p99 latency"));

    private Verdict() {
    }

    /** The verdict as one paragraph, for the console. */
    static String of(BenchResult result) {
        return String.join(" ", sentences(result));
    }

    /** The verdict's sentences: one per ranking that has data, then what was not ranked. */
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
            boolean medians = result.config() != null && result.config().trials() > 1;
            for (Ranking ranking : RANKINGS) {
                sentence(ranking, ranked, medians).ifPresent(sentences::add);
            }
        }
        unranked(result, stats).ifPresent(sentences::add);
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
        AllocatorStats.Spread bestSpread = best.metrics().get(metric);
        String what = metric.higherIsBetter() ? ranking.highest() : ranking.lowest();
        what = medians ? what.replaceFirst("the (\\w+)", "the $1 median") : what;
        List<String> tied = measured.stream()
                .filter(s -> s.metrics().get(metric).median() == bestSpread.median())
                .map(AllocatorStats::allocator).toList();
        if (tied.size() > 1) {
            return Optional.of(String.join(" and ", tied) + " tied for " + what + ", "
                    + value(metric, bestSpread.median()) + ".");
        }
        String lead = best.allocator() + " had " + what + ", " + value(metric, bestSpread.median());

        String baselineName = baselineFor(best.allocator());
        Optional<AllocatorStats> baseline = measured.stream().filter(s -> s.allocator().equals(baselineName))
                .findFirst();
        if (baseline.isEmpty()) {
            return Optional.of(lead + "; " + baselineName + " has no completed run to compare with.");
        }
        if (baseline.get() == best) {
            Optional<AllocatorStats> next = measured.stream().filter(s -> s != best).min(better);
            if (next.isEmpty()) {
                return Optional.of(lead + "; no other allocator completed a run.");
            }
            AllocatorStats.Spread nextSpread = next.get().metrics().get(metric);
            double delta = Math.abs(nextSpread.median() - bestSpread.median());
            String worse = metric.higherIsBetter() ? " less" : " more";
            return Optional.of(lead + "; the next, " + next.get().allocator() + ", had "
                    + difference(metric, delta, bestSpread.median()) + worse + "."
                    + noise(metric, best, next.get()));
        }
        AllocatorStats.Spread systemSpread = baseline.get().metrics().get(metric);
        double delta = Math.abs(bestSpread.median() - systemSpread.median());
        String direction = metric.higherIsBetter() ? " more than " : " less than ";
        return Optional.of(lead + ", " + difference(metric, delta, systemSpread.median()) + direction
                + baselineName + " (" + value(metric, systemSpread.median()) + ")." + noise(metric, best,
                baseline.get()));
    }

    /** The {@code system} allocator of the same source as {@code allocator}. */
    static String baselineFor(String allocator) {
        int at = allocator.lastIndexOf(SOURCE_SEPARATOR);
        return at < 0 ? BASELINE : BASELINE + allocator.substring(at);
    }

    /** A note when the two allocators' trial ranges overlap, so the ranking could flip on a re-run. */
    private static String noise(Metric metric, AllocatorStats a, AllocatorStats b) {
        AllocatorStats.Spread sa = a.metrics().get(metric);
        AllocatorStats.Spread sb = b.metrics().get(metric);
        if (a.okRuns() < 2 && b.okRuns() < 2) {
            return "";
        }
        boolean overlap = sa.min() <= sb.max() && sb.min() <= sa.max();
        if (!overlap) {
            return "";
        }
        return " That difference is inside the run-to-run noise: over the trials " + a.allocator() + " ranged "
                + range(metric, sa) + " and " + b.allocator() + " " + range(metric, sb) + ".";
    }

    private static Optional<String> unranked(BenchResult result, List<AllocatorStats> stats) {
        List<String> parts = new ArrayList<>();
        for (AllocatorStats s : stats) {
            if (s.okRuns() == s.runs()) {
                continue;
            }
            List<RunResult> runs = result.runs().stream().filter(r -> r.allocator().equals(s.allocator())).toList();
            long failed = runs.stream().filter(r -> r.status() == RunStatus.FAILED).count();
            long skipped = runs.stream().filter(r -> r.status() == RunStatus.SKIPPED).count();
            long interrupted = runs.stream().filter(r -> r.status() == RunStatus.INTERRUPTED).count();
            String how = failed > 0 && skipped > 0 ? "failed " + failed + " and skipped " + skipped
                    : failed > 0 ? "failed" : interrupted > 0 && skipped == 0 ? "was interrupted" : "was skipped";
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

    /** A non-negative difference with its unit (MiB for sizes) and, against a positive reference, in percent. */
    private static String difference(Metric metric, double delta, double reference) {
        String absolute = switch (metric.unit()) {
            case KIB -> Units.mib(Math.round(delta)) + " MiB";
            default -> value(metric, delta);
        };
        return reference > 0 ? absolute + " (" + Units.percent(100.0 * delta / reference) + ")" : absolute;
    }
}
