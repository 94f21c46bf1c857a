package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorContext;
import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.WindowRise;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one allocator a team should ship, or the advice to keep the default: among the allocators (and profiles) whose
 * peak native memory is lower than {@code system}'s beyond the noise ({@link NoiseRule}), and whose throughput and
 * p99 latency are not worse than {@code system}'s beyond it, the one with the lowest median peak native memory. For
 * it, the exact lines that ship it: the package to install, the Dockerfile's {@code ENV LD_PRELOAD=...} with the
 * allocator settings the bench ran it with, the Jib {@code container.environment} entries and systemd
 * {@code Environment=} lines.
 *
 * @param sentence  the recommendation as the verdict's last sentence
 * @param allocator the allocator to ship, or {@code null} to keep the default
 * @param shipLines the lines that ship it, empty when keeping the default
 */
record Recommendation(String sentence, String allocator, List<String> shipLines) {

    private static final Metric MEMORY = Metric.PEAK_NATIVE_RSS;
    private static final List<Metric> NOT_WORSE = List.of(Metric.REQUESTS_PER_SECOND, Metric.P99_LATENCY);

    Recommendation {
        shipLines = List.copyOf(shipLines);
    }

    /** The recommendation for {@code result}, whose judgeable allocators are {@code ranked}. */
    static Recommendation of(BenchResult result, List<AllocatorStats> ranked) {
        List<AllocatorStats> measured = ranked.stream().filter(s -> s.metrics().containsKey(MEMORY)).toList();
        if (measured.isEmpty()) {
            return keep("no run carries native memory figures to compare.");
        }
        List<AllocatorStats> winners = new ArrayList<>();
        List<String> climbing = new ArrayList<>();
        boolean unsettled = false;
        boolean anyBaseline = false;
        int compared = 0;
        int worse = 0;
        for (AllocatorStats candidate : measured) {
            Optional<AllocatorStats> baseline = measured.stream()
                    .filter(s -> s.allocator().equals(Verdict.baselineFor(candidate.allocator()))).findFirst();
            if (baseline.isEmpty() || baseline.get() == candidate) {
                anyBaseline |= baseline.isPresent();
                continue;
            }
            NoiseRule.Call memory = NoiseRule.call(MEMORY, candidate, baseline.get());
            unsettled |= memory == NoiseRule.Call.UNSETTLED;
            compared++;
            worse += memory == NoiseRule.Call.WORSE ? 1 : 0;
            boolean notWorse = NOT_WORSE.stream().allMatch(m -> !candidate.metrics().containsKey(m)
                    || !baseline.get().metrics().containsKey(m)
                    || NoiseRule.call(m, candidate, baseline.get()) != NoiseRule.Call.WORSE);
            // Throughput and latency from a window still climbing cannot show that the candidate costs none.
            boolean climbed = WindowRise.anyClimbing(result.runs(), candidate.allocator())
                    || WindowRise.anyClimbing(result.runs(), baseline.get().allocator());
            if (memory == NoiseRule.Call.BETTER && notWorse && !climbed) {
                winners.add(candidate);
            } else if (memory == NoiseRule.Call.BETTER && climbed) {
                climbing.add(candidate.allocator());
            }
        }
        if (!anyBaseline) {
            return keep(Verdict.BASELINE + " has no completed run to compare with, so no allocator can be shown to "
                    + "win.");
        }
        if (winners.isEmpty() && compared > 0 && worse == compared) {
            return keep("it had the lowest peak native memory, and every other allocator more beyond the noise.");
        }
        if (winners.isEmpty() && !climbing.isEmpty()) {
            return keep(String.join(" and ", climbing) + " had less peak native memory beyond the noise, but "
                    + "throughput and latency came from a measured window still climbing, so it cannot be shown that "
                    + (climbing.size() == 1 ? "it costs" : "they cost") + " none: " + (result.config() == null
                    ? "raise settle" : WindowRise.advice(result.config().settleMs())) + ".");
        }
        if (winners.isEmpty()) {
            return keep(unsettled ? "no allocator wins beyond the noise here; with one trial none can, so run with "
                    + "trials=" + NoiseRule.SUGGESTED_TRIALS + " to settle it."
                    : "no allocator wins beyond the noise here.");
        }
        AllocatorStats best = winners.stream()
                .min(Comparator.comparingDouble(s -> s.metrics().get(MEMORY).median())).orElseThrow();
        String baselineName = Verdict.baselineFor(best.allocator());
        AllocatorStats baseline = measured.stream().filter(s -> s.allocator().equals(baselineName)).findFirst()
                .orElseThrow();
        double saved = baseline.metrics().get(MEMORY).median() - best.metrics().get(MEMORY).median();
        String sentence = "Recommendation: ship " + best.allocator() + ", the lowest peak native memory beyond the "
                + "noise (" + Verdict.value(MEMORY, best.metrics().get(MEMORY).median()) + ", "
                + Units.mib(Math.round(saved)) + " MiB less than " + baselineName
                + "), with throughput and p99 latency "
                + "not worse beyond the noise; the lines to ship it follow.";
        return new Recommendation(sentence, best.allocator(), shipLines(result, best.allocator()));
    }

    private static Recommendation keep(String why) {
        return new Recommendation("Recommendation: keep the default (" + Verdict.BASELINE + "): " + why, null,
                List.of());
    }

    /** The lines that install and preload {@code allocator} with the settings it was benched with. */
    static List<String> shipLines(BenchResult result, String allocator) {
        AllocatorContext context = context(result, allocator);
        String library = result.runs().stream().filter(r -> r.variant().equals(allocator))
                .filter(RunResult::isJudgeable).map(RunResult::library).filter(l -> l != null).findFirst()
                .orElse(context == null ? null : context.library());
        Map<String, String> env = new LinkedHashMap<>();
        if (library != null) {
            env.put("LD_PRELOAD", library);
        }
        if (context != null) {
            context.environment().forEach((name, value) -> {
                if (!name.equals("LD_PRELOAD")) {
                    env.put(name, value);
                }
            });
        }
        List<String> lines = new ArrayList<>();
        String pkg = context == null || context.packageName() == null ? null
                : context.packageName().split(" ")[0];
        if (library != null) {
            lines.add("# Install: " + (pkg != null ? "apt-get install -y " + pkg
                    : "the package that provides " + library + " (no package database named it here)"));
        }
        lines.add("# Dockerfile");
        if (pkg != null) {
            lines.add("RUN apt-get update && apt-get install -y --no-install-recommends " + pkg
                    + " && rm -rf /var/lib/apt/lists/*");
        }
        env.forEach((name, value) -> lines.add("ENV " + name + "=" + value));
        lines.add("# Jib: <container><environment>");
        env.forEach((name, value) -> lines.add("<" + name + ">" + value + "</" + name + ">"));
        lines.add("# systemd: [Service]");
        env.forEach((name, value) -> lines.add("Environment=\"" + name + "=" + value + "\""));
        if (context != null && !context.jvmArgs().isEmpty()) {
            lines.add("# JVM options the bench added for " + allocator + ": " + String.join(" ", context.jvmArgs()));
        }
        if (env.isEmpty()) {
            lines.add("# " + allocator + " needs no environment: the C library's malloc as it is.");
        }
        return lines;
    }

    /** The recorded context of {@code allocator}, under its own name or, in a merged report, its name before @. */
    private static AllocatorContext context(BenchResult result, String allocator) {
        if (result.environment() == null || result.environment().allocators() == null) {
            return null;
        }
        Map<String, AllocatorContext> contexts = result.environment().allocators();
        int at = allocator.indexOf(Verdict.SOURCE_SEPARATOR);
        return contexts.getOrDefault(allocator, at < 0 ? null : contexts.get(allocator.substring(0, at)));
    }
}
