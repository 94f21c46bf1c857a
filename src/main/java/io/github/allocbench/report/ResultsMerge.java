package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunJdk;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.UnjudgedCheck;
import io.github.allocbench.units.ConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one or several {@code results.json} files into one result to report on: the way to compare allocators
 * across the jobs of a CI matrix or several bench invocations. With one file the result is that file's, unchanged
 * but for its log links. With several, every run's allocator name gets its source's label appended as
 * {@code allocator@label}, so runs from different machines never mix in one allocator's statistics, and the
 * verdict compares each allocator with the {@code system} run of its own source.
 *
 * <p>Labels are given, or default to the name of the directory holding each file; when those collide (every bench
 * writes to {@code target/allocator-bench}) to the nearest ancestor directory whose names differ, and failing that
 * to the file's position, 1, 2, ... The merged result's environment and plugin are the first file's and this
 * plugin's; the report shows every source's environment and configuration side by side.
 */
public final class ResultsMerge {

    /** A result to report on and the files it came from. */
    public record Merged(BenchResult result, List<ResultsSource> sources) {
    }

    private ResultsMerge() {
    }

    /**
     * Reads {@code files} and merges them, their log links made relative to {@code outputDirectory}.
     *
     * @param labels        one label per file, or empty for the default labels
     * @param pluginVersion this plugin's version, recorded as the merged result's writer
     * @throws IllegalArgumentException for no files, or labels that do not fit the files
     * @throws IOException              naming the file that is missing or not a results file
     */
    public static Merged read(List<Path> files, List<String> labels, Path outputDirectory, String pluginVersion)
            throws IOException {
        List<String> names = labels(files, labels);
        List<BenchResult> results = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toAbsolutePath().toString(), null, "results file not found. "
                        + "Run the bench first (mvn verify, or mvn allocator:bench), or correct resultsFiles "
                        + "(-Dallocbench.resultsFiles)");
            }
            results.add(ResultsFile.read(file));
        }
        return merge(files, names, results, outputDirectory, pluginVersion);
    }

    static Merged merge(List<Path> files, List<String> labels, List<BenchResult> results, Path outputDirectory,
                        String pluginVersion) {
        if (files.size() == 1) {
            BenchResult only = results.get(0);
            String label = labels.get(0);
            List<RunResult> runs = only.runs().stream()
                    .map(r -> relabel(r, label, files.get(0), outputDirectory)).toList();
            List<CheckResult> checks = only.checks().stream().map(c -> relabel(c, label)).toList();
            List<UnjudgedCheck> unjudged = only.unjudgedChecks().stream().map(u -> relabel(u, label)).toList();
            ConfigSummary config = only.config() == null || label == null ? only.config()
                    : only.config().withAllocators(only.config().variants().stream()
                    .map(a -> a + Verdict.SOURCE_SEPARATOR + label).toList(), only.config().trials())
                    .withJdks(unlabelled(only.config().jdks()));
            BenchResult result = new BenchResult(only.schemaVersion(), only.plugin(), only.environment(), config,
                    runs, checks, only.interrupted(), unjudged);
            return new Merged(result, List.of(source(label, files.get(0), only)));
        }
        List<RunResult> runs = new ArrayList<>();
        List<CheckResult> checks = new ArrayList<>();
        List<UnjudgedCheck> unjudged = new ArrayList<>();
        Set<String> allocators = new LinkedHashSet<>();
        List<ResultsSource> sources = new ArrayList<>();
        int trials = 1;
        for (int i = 0; i < files.size(); i++) {
            BenchResult result = results.get(i);
            String label = labels.get(i);
            if (result.config() != null && result.config().allocators() != null) {
                result.config().variants().forEach(a -> allocators.add(a + Verdict.SOURCE_SEPARATOR + label));
                trials = Math.max(trials, result.config().trials());
            }
            for (RunResult run : result.runs()) {
                RunResult labelled = relabel(run, label, files.get(i), outputDirectory);
                allocators.add(labelled.allocator());
                runs.add(labelled);
            }
            result.checks().forEach(c -> checks.add(relabel(c, label)));
            result.unjudgedChecks().forEach(u -> unjudged.add(relabel(u, label)));
            sources.add(source(label, files.get(i), result));
        }
        BenchResult first = results.get(0);
        ConfigSummary base = first.config() != null ? first.config()
                : new ConfigSummary(null, List.of(), 0, 0, 0, 0, 0, 1, List.of());
        ConfigSummary config = base.withAllocators(List.copyOf(allocators), trials)
                .withHandler(ReportView.handlers(sources)).withJdks(unlabelled(base.jdks()));
        return new Merged(new BenchResult(BenchResult.SCHEMA_VERSION, new BenchResult.PluginInfo(pluginVersion),
                first.environment(), config, runs, checks, results.stream().anyMatch(BenchResult::interrupted),
                unjudged),
                sources);
    }

    /**
     * The labels of {@code files}: {@code given} checked, or the defaults described on the class. One file without
     * given labels gets none ({@code null}), so re-rendering a bench's own report leaves its names alone.
     */
    static List<String> labels(List<Path> files, List<String> given) {
        if (files.isEmpty()) {
            throw new ConfigurationException("resultsFiles is empty. Name at least one results.json, e.g. "
                    + "-Dallocbench.resultsFiles=target/allocator-bench/results.json.");
        }
        if (given != null && !given.isEmpty()) {
            if (given.size() != files.size()) {
                throw new ConfigurationException("labels has " + given.size() + " entries " + given + " but "
                        + "resultsFiles has " + files.size() + "; give one label per results file, in the same "
                        + "order, or none for the default labels (the files' directory names).");
            }
            Set<String> seen = new HashSet<>();
            for (String label : given) {
                if (label == null || label.isBlank() || label.indexOf(Verdict.SOURCE_SEPARATOR) >= 0) {
                    throw new ConfigurationException("label '" + label + "' in labels is not usable: a label "
                            + "must be non-blank and must not contain '" + Verdict.SOURCE_SEPARATOR + "'.");
                }
                if (!seen.add(label.trim())) {
                    throw new ConfigurationException("label '" + label + "' appears twice in labels " + given
                            + "; each results file needs its own label.");
                }
            }
            return given.stream().map(String::trim).toList();
        }
        if (files.size() == 1) {
            List<String> none = new ArrayList<>();
            none.add(null);
            return none;
        }
        List<Path> dirs = files.stream().map(f -> f.toAbsolutePath().normalize().getParent()).toList();
        int depth = dirs.stream().mapToInt(Path::getNameCount).max().orElse(0);
        for (int up = 0; up < depth; up++) {
            List<String> candidates = new ArrayList<>();
            for (Path dir : dirs) {
                Path ancestor = dir;
                for (int i = 0; i < up && ancestor != null; i++) {
                    ancestor = ancestor.getParent();
                }
                candidates.add(ancestor == null || ancestor.getFileName() == null ? ""
                        : ancestor.getFileName().toString().replace(Verdict.SOURCE_SEPARATOR, '-'));
            }
            if (!candidates.contains("") && new HashSet<>(candidates).size() == candidates.size()) {
                return candidates;
            }
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 1; i <= files.size(); i++) {
            numbered.add(Integer.toString(i));
        }
        return numbered;
    }

    private static ResultsSource source(String label, Path file, BenchResult result) {
        return new ResultsSource(label, file, result.environment(), result.config(),
                result.plugin() == null ? null : result.plugin().version());
    }

    /**
     * The run named for its source: {@code jemalloc@label}, or on several JDKs {@code jemalloc@jdk25@label}, its JDK's
     * label then being part of the name.
     */
    private static RunResult relabel(RunResult run, String label, Path file, Path outputDirectory) {
        if (label == null) {
            return run.withLogFile(logLink(run.logFile(), file, outputDirectory));
        }
        return run.toBuilder().allocator(run.variant() + Verdict.SOURCE_SEPARATOR + label)
                .jdk(run.jdk() == null ? null : run.jdk().withLabel(null))
                .logFile(logLink(run.logFile(), file, outputDirectory)).build();
    }

    /** The JDKs of a merged source, whose labels are already part of its runs' names. */
    private static List<RunJdk> unlabelled(List<RunJdk> jdks) {
        return jdks.stream().map(j -> j.withLabel(null)).toList();
    }

    private static UnjudgedCheck relabel(UnjudgedCheck check, String label) {
        return label == null ? check : new UnjudgedCheck(check.allocator() + Verdict.SOURCE_SEPARATOR + label,
                check.metric(), check.rule(), check.reasons());
    }

    private static CheckResult relabel(CheckResult check, String label) {
        return label == null ? check : new CheckResult(check.allocator() + Verdict.SOURCE_SEPARATOR + label,
                check.metric(), check.rule(), check.actual(), check.limit(), check.baseline(), check.passed(),
                check.message(), check.level(), check.warnLimit(), check.reference(), check.referenceValue());
    }

    /** The log's path as seen from the new report, which may sit in another directory than the results file. */
    private static String logLink(String logFile, Path resultsFile, Path outputDirectory) {
        if (logFile == null) {
            return null;
        }
        Path log = resultsFile.toAbsolutePath().normalize().getParent().resolve(logFile);
        Path from = outputDirectory.toAbsolutePath().normalize();
        String relative = log.getRoot() != null && log.getRoot().equals(from.getRoot())
                ? from.relativize(log).toString() : log.toUri().toString();
        return relative.replace('\\', '/');
    }
}
