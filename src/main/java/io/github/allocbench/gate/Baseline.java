package io.github.allocbench.gate;

import io.github.allocbench.result.AllocatorContext;
import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.BenchEnvironment;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunJdk;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.WindowRise;
import io.github.allocbench.units.HumanDuration;
import io.github.allocbench.units.Units;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A bench recorded as the reference that later benches are compared with: the medians per allocator and the
 * configuration and machine they came from. On disk it is a {@code results.json} (same shape, same reader), so any
 * results file can serve as a baseline and a baseline can be opened like any results file.
 *
 * @param file        where the baseline was read from or written to
 * @param config      the configuration of the recorded bench
 * @param environment the machine and software of the recorded bench
 * @param allocators  median, min and max per metric of each recorded allocator, over its ok runs
 * @param climbing    per recorded allocator, its runs whose measured window opened before the load had settled
 *                    ({@link WindowRise#climbingTrials}), whose throughput and latency are not compared with
 */
public record Baseline(Path file, ConfigSummary config, BenchEnvironment environment,
                       List<AllocatorStats> allocators, Map<String, List<String>> climbing) {

    /** How to make a new baseline, named in every error and warning about one. */
    public static final String RECORD_HINT = "mvn verify allocator:baseline";

    public Baseline {
        allocators = List.copyOf(allocators);
        climbing = Map.copyOf(climbing);
    }

    /** The baseline that {@code result} makes. */
    public static Baseline of(Path file, BenchResult result) {
        List<AllocatorStats> allocators = AllocatorStats.of(result);
        Map<String, List<String>> climbing = new LinkedHashMap<>();
        for (AllocatorStats a : allocators) {
            List<String> trials = WindowRise.climbingTrials(result.runs(), a.allocator());
            if (!trials.isEmpty()) {
                climbing.put(a.allocator(), trials);
            }
        }
        return new Baseline(file, result.config(), result.environment(), allocators, climbing);
    }

    /** The recorded runs of {@code allocator} whose window was still climbing, or none. */
    public List<String> climbing(String allocator) {
        return climbing.getOrDefault(allocator, List.of());
    }

    /**
     * The baseline stored in {@code file}.
     *
     * @throws IOException naming the file, what is wrong with it and how to record it again, when it cannot be read,
     *                     is not a results file or holds no ok run
     */
    public static Baseline read(Path file) throws IOException {
        BenchResult result;
        try {
            result = ResultsFile.read(file);
        } catch (IOException e) {
            throw unusable(file, describe(file, e));
        }
        if (result.config() == null || result.environment() == null) {
            throw unusable(file, "it has no " + (result.config() == null ? "config" : "environment")
                    + ", so it was not written by this plugin");
        }
        if (result.runs().stream().noneMatch(RunResult::isJudgeable)) {
            throw unusable(file, "it holds no valid run with status ok to compare with");
        }
        return of(file, result);
    }

    /**
     * Writes {@code result} to {@code file} atomically as the new baseline, without the checks it was judged by.
     *
     * @throws IllegalArgumentException when a run failed or was invalid, or no run is ok: a broken bench, or one
     *                                  that did not measure what it claims, is no reference
     */
    public static Baseline record(BenchResult result, Path file) throws IOException {
        List<String> failed = new ArrayList<>();
        for (RunResult run : result.runs()) {
            if (run.status() == RunStatus.FAILED) {
                failed.add(run.variant() + " (trial " + run.trial() + "): " + run.failure());
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalArgumentException("Refusing to record a baseline from a bench with failed runs: "
                    + String.join("; ", failed) + ". Fix the failures and run " + RECORD_HINT + " again.");
        }
        List<String> invalid = new ArrayList<>();
        for (RunResult run : result.runs()) {
            if (run.status() == RunStatus.OK && !run.isJudgeable()) {
                invalid.add(run.variant() + " (trial " + run.trial() + "): "
                        + String.join("; ", run.validity().reasons()));
            }
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("Refusing to record a baseline from a bench with invalid runs, which "
                    + "did not measure the load asked for: " + String.join("; ", invalid) + ". Fix the cause (or "
                    + "lower the load) and run " + RECORD_HINT + " again.");
        }
        if (result.runs().stream().noneMatch(r -> r.status() == RunStatus.OK)) {
            throw new IllegalArgumentException("Refusing to record a baseline from a bench without a single ok run. "
                    + "Install at least one of its allocators and run " + RECORD_HINT + " again.");
        }
        BenchResult recorded = new BenchResult(result.schemaVersion(), result.plugin(), result.environment(),
                result.config(), result.runs(), List.of());
        ResultsFile.write(recorded, file);
        return of(file, recorded);
    }

    /** The recorded figures of {@code allocator}, if it was recorded. */
    public Optional<AllocatorStats> allocator(String allocator) {
        return allocators.stream().filter(a -> a.allocator().equals(allocator)).findFirst();
    }

    /**
     * Each way in which {@code current} was benched under other conditions than this baseline, so that comparing
     * their medians says more about the change of conditions than about the code: one line per difference, e.g.
     * {@code connections: 10,000 in the baseline, 200 now}. Empty when they are comparable.
     */
    public List<String> differencesFrom(BenchResult current) {
        List<String> differences = new ArrayList<>();
        ConfigSummary now = current.config();
        BenchEnvironment here = current.environment();
        compare(differences, "handler", config.handler(), now.handler(), Function.identity());
        compare(differences, "connections", config.connections(), now.connections(), n -> Units.count(n));
        compare(differences, "duration", config.durationMs(), now.durationMs(), Baseline::duration);
        compare(differences, "warmup", config.warmupMs(), now.warmupMs(), Baseline::duration);
        compare(differences, "cooldown", config.cooldownMs(), now.cooldownMs(), Baseline::duration);
        compare(differences, "jvmArgs", config.jvmArgs(), now.jvmArgs(), args -> String.join(" ", args));
        compare(differences, "rate", config.rate(), now.rate(), Baseline::rate);
        compare(differences, "settle", config.settleMs(), now.settleMs(), Baseline::duration);
        compare(differences, "loadWarmup", config.loadWarmupMs(), now.loadWarmupMs(), Baseline::duration);
        compare(differences, "request", requestOf(config), requestOf(now), Baseline::request);
        compare(differences, "generatorJvmArgs", config.generatorJvmArgs(), now.generatorJvmArgs(),
                args -> String.join(" ", args));
        compare(differences, "sampleInterval", config.sampleIntervalMs(), now.sampleIntervalMs(),
                Baseline::duration);
        compare(differences, "trials", config.trials(), now.trials(), String::valueOf);
        compare(differences, "CPU placement", config.cpuPlacement(), now.cpuPlacement(), Function.identity());
        if (!config.jdks().isEmpty() && !now.jdks().isEmpty()) {
            compare(differences, "server JDKs", jdks(config.jdks()), jdks(now.jdks()), Function.identity());
        }
        if (here != null && environment != null) {
            compare(differences, "cpus", environment.cpus(), here.cpus(), String::valueOf);
            compare(differences, "java", environment.java(), here.java(), Function.identity());
            compare(differences, "transparent huge pages", environment.transparentHugePages(),
                    here.transparentHugePages(), Function.identity());
            compareAllocators(differences, environment.allocators(), here.allocators());
        }
        return differences;
    }

    /** The library and package of each allocator benched both then and now. */
    private static void compareAllocators(List<String> differences, Map<String, AllocatorContext> then,
                                          Map<String, AllocatorContext> now) {
        if (then == null || now == null) {
            return;
        }
        for (Map.Entry<String, AllocatorContext> e : now.entrySet()) {
            AllocatorContext before = then.get(e.getKey());
            if (before == null) {
                continue;
            }
            compare(differences, e.getKey() + " library", before.library(), e.getValue().library(),
                    Function.identity());
            compare(differences, e.getKey() + " package", before.packageName(), e.getValue().packageName(),
                    Function.identity());
        }
    }

    /** The servers' JDKs as their JVMs reported them: {@code jdk17 17.0.15 (Debian), jdk25 25.0.3 (...)}. */
    private static String jdks(List<RunJdk> jdks) {
        return jdks.stream().map(j -> (j.label() == null ? "" : j.label() + " ") + j.version() + " (" + j.vendor()
                + ")").collect(Collectors.joining(", "));
    }

    private static String rate(Double rate) {
        return rate == 0 ? "closed loop" : Units.rate(rate) + " req/s";
    }

    /** The request shape, {@code GET /} for files written before it was recorded, which always sent that. */
    private static RequestShape requestOf(ConfigSummary summary) {
        return summary.request() == null ? RequestShape.DEFAULT : summary.request();
    }

    private static String request(RequestShape shape) {
        return shape.method() + " " + String.join(",", shape.paths())
                + (shape.headers() == null || shape.headers().isEmpty() ? "" : " headers " + shape.headers())
                + (shape.body() == null ? "" : " body of " + shape.body().length() + " chars");
    }

    private static <T> void compare(List<String> differences, String name, T then, T now,
                                    Function<T, String> format) {
        if (!Objects.equals(then, now)) {
            differences.add(name + ": " + (then == null ? "none" : format.apply(then)) + " in the baseline, "
                    + (now == null ? "none" : format.apply(now)) + " now");
        }
    }

    private static String duration(Long ms) {
        return HumanDuration.format(Duration.ofMillis(ms));
    }

    /** Why {@link ResultsFile} could not read the file, without its file name and advice: ours replace them. */
    private static String describe(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        String message = String.valueOf(e.getMessage());
        String prefix = "Cannot read bench results from " + file.toAbsolutePath() + ": ";
        int advice = message.indexOf(". Re-run the bench");
        return message.startsWith(prefix) && advice > 0 ? message.substring(prefix.length(), advice) : message;
    }

    private static IOException unusable(Path file, String why) {
        return new IOException("Cannot use the baseline " + file.toAbsolutePath() + ": " + why + ". Record it "
                + "again with " + RECORD_HINT + ", or set <baseline> (-Dallocbench.baseline) to another file.");
    }
}
