package io.github.allocbench.report;

import io.github.allocbench.bench.BenchEnvironment;
import io.github.allocbench.bench.BenchResult;
import io.github.allocbench.bench.ConfigSummary;
import io.github.allocbench.bench.HumanDuration;
import io.github.allocbench.bench.RunResult;
import io.github.allocbench.memory.MemorySample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code index.ftlh} shows, as text already formatted: the template only lays it out and escapes it, so every
 * number is formatted once, in Java, by {@link Units}, and the template cannot pick up the build machine's locale.
 *
 * @param title         the page title
 * @param verdict       the one-sentence outcome
 * @param rows          one summary row per run, in run order
 * @param chart         the RSS-over-time chart, or {@code null} when no run has samples to draw
 * @param sampleTables  one table of samples per run that has any
 * @param environment   the machine and software the bench ran on
 * @param configuration the bench settings
 * @param resultsHref   relative link to {@code results.json}
 * @param samplesHref   relative link to {@code samples.csv}
 * @param generator     the plugin and version that wrote the page
 */
public record ReportView(String title, String verdict, List<SummaryRow> rows, RssChart chart,
                         List<SampleTable> sampleTables, List<Entry> environment, List<Entry> configuration,
                         String resultsHref, String samplesHref, String generator) {

    /** A labelled value of the environment or configuration. */
    public record Entry(String label, String value) {
    }

    /** One run's samples; {@code rows} hold the sample number from 1, RSS and VSZ in MiB. */
    public record SampleTable(String name, String caption, List<SampleRow> rows) {
    }

    /** One sample, formatted. */
    public record SampleRow(String index, String rss, String vsz) {
    }

    private static final String UNKNOWN = "unknown";

    static ReportView of(BenchResult result) {
        ConfigSummary config = result.config();
        boolean showTrial = config != null && config.trials() > 1;
        List<SummaryRow> rows = result.runs().stream().map(r -> SummaryRow.of(r, showTrial)).toList();
        List<String> allocators = config == null || config.allocators() == null ? List.of() : config.allocators();
        String version = result.plugin() == null ? UNKNOWN : known(result.plugin().version());
        return new ReportView(
                "Allocator bench: " + (config == null ? UNKNOWN : known(config.handler())),
                Verdict.of(result),
                rows,
                RssChart.of(result.runs(), allocators, showTrial),
                sampleTables(result.runs(), showTrial),
                environment(result.environment(), version),
                configuration(config),
                ResultsFile.NAME,
                SamplesCsv.NAME,
                "allocator-maven-plugin " + version);
    }

    private static List<SampleTable> sampleTables(List<RunResult> runs, boolean showTrial) {
        List<SampleTable> tables = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.samples().isEmpty()) {
                continue;
            }
            List<SampleRow> rows = new ArrayList<>();
            int index = 1;
            for (MemorySample s : run.samples()) {
                rows.add(new SampleRow(Integer.toString(index++), Units.mib(s.rssKb()), Units.mib(s.vszKb())));
            }
            String name = showTrial ? run.allocator() + " #" + run.trial() : run.allocator();
            tables.add(new SampleTable(name, run.status().label() + ", " + rows.size() + " samples, peak RSS "
                    + Units.size(run.summary().peakRssKb()), rows));
        }
        return tables;
    }

    private static List<Entry> environment(BenchEnvironment env, String pluginVersion) {
        if (env == null) {
            return List.of(new Entry("Plugin", pluginVersion));
        }
        return List.of(
                new Entry("OS", known(env.os())),
                new Entry("Kernel", known(env.kernel())),
                new Entry("Architecture", known(env.arch())),
                new Entry("CPUs", Integer.toString(env.cpus())),
                new Entry("Memory", Units.sizeOfBytes(env.memoryBytes())),
                new Entry("Java", known(env.java())),
                new Entry("Jetty", known(env.jetty())),
                new Entry("Plugin", pluginVersion));
    }

    private static List<Entry> configuration(ConfigSummary config) {
        if (config == null) {
            return List.of();
        }
        return List.of(
                new Entry("Handler", known(config.handler())),
                new Entry("Allocators", config.allocators() == null ? UNKNOWN : String.join(", ", config.allocators())),
                new Entry("Connections", Units.count(config.connections())),
                new Entry("Duration", duration(config.durationMs())),
                new Entry("Warm-up", duration(config.warmupMs())),
                new Entry("Cool-down", duration(config.cooldownMs())),
                new Entry("Sample interval", duration(config.sampleIntervalMs())),
                new Entry("Trials", Integer.toString(config.trials())),
                new Entry("JVM arguments", config.jvmArgs() == null || config.jvmArgs().isEmpty() ? "none"
                        : String.join(" ", config.jvmArgs())));
    }

    private static String duration(long ms) {
        return HumanDuration.format(Duration.ofMillis(ms));
    }

    private static String known(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
