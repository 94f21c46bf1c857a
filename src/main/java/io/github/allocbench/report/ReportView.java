package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorContext;
import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.BenchEnvironment;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunJdk;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.units.HumanDuration;
import io.github.allocbench.units.Units;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code index.ftlh} shows, as text already formatted: the template only lays it out and escapes it, so every
 * number is formatted once, in Java, by {@link Units}, and the template cannot pick up the build machine's locale.
 *
 * @param title         the page title
 * @param verdict       the verdict's sentences, computed from the data
 * @param table         the summary table, one row per run, best values marked
 * @param rss           RSS over time, or {@code null} when no run has samples to draw
 * @param vsz           VSZ over time, or {@code null} likewise
 * @param breakdowns    per allocator, where its RSS went (heap, NMT-tracked native, the rest)
 * @param throughput    responses per second over the window, or {@code null} when no run recorded them
 * @param latency       latency percentiles per run, or {@code null} when no run completed a request
 * @param latencyRows   the latency chart's figures as a table
 * @param loadRows      per run, how the load was made and what the generator itself used
 * @param checks        the gate's verdicts, then the checks it could not judge; empty when no limit or baseline
 *                      was configured
 * @param checksFailed  how many of {@code checks} failed
 * @param checksUnjudged how many of {@code checks} could not be judged because a run they needed was invalid
 * @param sampleTables  one table of samples per run that has any
 * @param sources       the results files the report was drawn from, labelled; one unlabelled for a bench's own
 * @param environment   the machine and software, one column per source
 * @param configuration the bench settings, one column per source
 * @param resultsHref   relative link to {@code results.json}
 * @param samplesHref   relative link to {@code samples.csv}
 * @param summaryHref   relative link to {@code summary.md}
 * @param logs          links to the servers' logs
 * @param generator     the plugin and version that wrote the page
 * @param shipLines     the lines that ship the recommended allocator, empty when the verdict keeps the default
 * @param spread        per allocator, each median with its trial-to-trial range; {@code null} with one trial
 * @param nativeBreakdown NMT's categories without the heap and RSS outside NMT, per allocator, as stacked columns
 *                      and as a table, or {@code null} without NMT
 * @param nativeRss     native RSS (RSS minus the heap's resident part) over time, every allocator on one axis, or
 *                      {@code null} when no run has native figures
 * @param returns       per run, native RSS at moments after the load and what a trim of glibc's heap gave back, or
 *                      {@code null} when no run has figures after its load
 * @param allocatorGoverned NMT's malloc total plus RSS outside NMT over time, each allocator's representative run on
 *                      one axis, or {@code null} when no run has both figures
 * @param nativePhases  per representative run and phase, the medians of native RSS, NMT malloc, outside NMT and
 *                      allocator-governed memory, or {@code null} without NMT
 *
 * <p>It is long because it is the template's whole model: one small accessor per table, chart and sentence the page
 * shows, so that the Freemarker template holds no logic.
 */
public record ReportView(String title, List<String> verdict, SummaryTable table, SvgChart rss, SvgChart vsz,
                         List<Breakdown> breakdowns, SvgChart throughput, SvgChart latency,
                         List<LatencyRow> latencyRows, List<LoadRow> loadRows, List<CheckRow> checks,
                         int checksFailed, int checksUnjudged,
                         List<SampleTable> sampleTables, List<ResultsSource> sources, Matrix environment,
                         Matrix configuration, String resultsHref, String samplesHref, String summaryHref,
                         List<Link> logs, String generator, List<String> shipLines, SvgChart nativeRss,
                         SpreadTable spread, NativeBreakdown nativeBreakdown, ReturnTable returns,
                         SvgChart allocatorGoverned, NativePhaseTable nativePhases) {

    /** Labelled values with one column per source; {@code sources} is empty for a single-source report. */
    public record Matrix(List<String> sources, List<MatrixRow> rows) {
    }

    /** One labelled row of a {@link Matrix}. */
    public record MatrixRow(String label, List<String> values) {
    }

    /** A link with its text. */
    public record Link(String text, String href) {
    }

    /** One allocator's memory breakdown chart, or the sentence saying why it has none. */
    public record Breakdown(String name, SvgChart chart, String missing) {
    }

    /** One run's latency percentiles, formatted. */
    public record LatencyRow(String name, List<String> values) {
    }

    /**
     * How one run's load was made and what making it cost, so that a reader can tell the generator's share of the
     * machine from the server's: the generator runs beside the server, on the same cores unless both are pinned
     * apart; {@code cpus} says which CPUs each was allowed, {@code cooldown} whether the next run's server started
     * during the run's cooldown.
     */
    public record LoadRow(String name, String loop, String connections, String ramp, String sources, String where,
                          String cpus, String cpu, String rss, String errors, String cooldown) {
    }

    /**
     * One gate verdict, formatted in its metric's unit; {@code outcome} is {@link #PASS}, {@link #WARN} (passed, past
     * its warning level), {@link #FAIL} or {@link #UNJUDGED}.
     */
    public record CheckRow(String allocator, String metric, String rule, String actual, String limit,
                           String baseline, String outcome, String message) {
        static final String PASS = "pass";
        static final String WARN = "warn";
        static final String FAIL = "fail";
        static final String UNJUDGED = "unjudged";
    }

    /** One run's samples; {@code rows} hold the sample number from 1, the phase, RSS and VSZ in MiB. */
    public record SampleTable(String name, String caption, List<SampleRow> rows) {
    }

    /** One sample, formatted. */
    public record SampleRow(String index, String phase, String seconds, String rss, String vsz) {
    }

    private static final String UNKNOWN = "unknown";
    private static final String NOT_RECORDED = "not recorded";

    static ReportView of(BenchResult result) {
        String version = result.plugin() == null ? null : result.plugin().version();
        return of(result, List.of(new ResultsSource(null, null, result.environment(), result.config(), version)));
    }

    static ReportView of(BenchResult result, List<ResultsSource> sources) {
        ConfigSummary config = result.config();
        boolean showTrial = config != null && config.trials() > 1;
        List<String> allocators = config == null || config.allocators() == null ? List.of() : config.variants();
        Palette palette = new Palette(allocators);
        String version = result.plugin() == null ? UNKNOWN : known(result.plugin().version());
        TimeCharts time = new TimeCharts(result.runs(), palette, showTrial);
        SvgChart rss = time.rss();
        SvgChart vsz = time.vsz();
        List<String> jvmArgs = config == null || config.jvmArgs() == null ? List.of() : config.jvmArgs();
        List<AllocatorStats> stats = AllocatorStats.of(result);
        List<Breakdown> breakdowns = MemoryBreakdownChart.all(stats, result.runs(), palette, showTrial, jvmArgs);
        List<RunResult> representatives = MemoryBreakdownChart.representatives(stats, result.runs());
        SvgChart throughput = time.throughput();
        SvgChart latency = LatencyChart.of(result.runs(), palette, showTrial);
        List<CheckRow> checks = checkRows(result);
        boolean merged = sources.size() > 1;
        return new ReportView(
                "Allocator bench: " + handlers(sources),
                Verdict.sentences(result),
                SummaryTable.of(result),
                rss, vsz, breakdowns, throughput, latency,
                latencyRows(result.runs(), showTrial),
                loadRows(result.runs(), showTrial),
                checks,
                count(checks, CheckRow.FAIL),
                count(checks, CheckRow.UNJUDGED),
                sampleTables(result.runs(), showTrial),
                sources,
                matrix(sources, merged, ReportView::environment),
                matrix(sources, merged, ReportView::configuration),
                ResultsFile.NAME,
                SamplesCsv.NAME,
                SummaryMarkdown.NAME,
                logs(result.runs(), showTrial),
                "allocator-maven-plugin " + version,
                Verdict.recommendation(result).shipLines(),
                time.nativeRss(),
                showTrial ? SpreadTable.of(stats) : null,
                NativeBreakdown.of(stats, result.runs()),
                ReturnTable.of(result.runs(), showTrial),
                time.allocatorGoverned(representatives),
                NativePhaseTable.of(representatives, showTrial));
    }

    /** The handlers benched, once each: a merge of benches of one handler is titled like one bench. */
    static String handlers(List<ResultsSource> sources) {
        Set<String> handlers = new LinkedHashSet<>();
        for (ResultsSource s : sources) {
            handlers.add(s.config() == null ? UNKNOWN : known(s.config().handler()));
        }
        return String.join(", ", handlers);
    }

    private static Matrix matrix(List<ResultsSource> sources, boolean merged,
                                 Function<ResultsSource, List<Entry>> entries) {
        List<List<Entry>> columns = sources.stream().map(entries).toList();
        List<MatrixRow> rows = new ArrayList<>();
        for (int r = 0; r < columns.get(0).size(); r++) {
            int row = r;
            rows.add(new MatrixRow(columns.get(0).get(r).label(),
                    columns.stream().map(c -> row < c.size() ? c.get(row).value() : UNKNOWN).toList()));
        }
        List<String> headers = merged ? sources.stream().map(s -> s.label() + (s.file() == null ? ""
                : " (" + s.file() + ")")).toList() : List.of();
        return new Matrix(headers, rows);
    }

    private record Entry(String label, String value) {
    }

    private static String allocatorContext(AllocatorContext context) {
        List<String> parts = new ArrayList<>();
        parts.add(context.library() == null ? "the C library's malloc" : context.library());
        if (context.packageName() != null) {
            parts.add("package " + context.packageName());
        }
        context.environment().forEach((name, value) -> parts.add(name + "=" + value));
        parts.addAll(context.jvmArgs());
        return String.join("; ", parts);
    }

    private static List<Entry> environment(ResultsSource source) {
        BenchEnvironment env = source.environment();
        List<Entry> entries = new ArrayList<>();
        String plugin = known(source.pluginVersion());
        if (env == null) {
            entries.add(new Entry("Plugin", plugin));
            return entries;
        }
        // Results written before these fields existed hold nulls for all three; "none" would claim too much.
        boolean probed = env.cpuModel() != null || env.openFileLimit() != null;
        ConfigSummary config = source.config();
        entries.add(new Entry("OS", known(env.os())));
        entries.add(new Entry("Kernel", known(env.kernel())));
        entries.add(new Entry("Architecture", known(env.arch())));
        entries.add(new Entry("CPU model", env.cpuModel() == null ? (probed ? UNKNOWN : NOT_RECORDED)
                : env.cpuModel()));
        entries.add(new Entry("CPUs", Integer.toString(env.cpus())));
        entries.add(new Entry("Memory", Units.sizeOfBytes(env.memoryBytes())));
        entries.add(new Entry("cgroup memory limit", env.cgroupMemoryLimitBytes() != null
                ? Units.sizeOfBytes(env.cgroupMemoryLimitBytes()) : probed ? "none" : NOT_RECORDED));
        entries.add(new Entry("Open-file limit", env.openFileLimit() != null ? Units.count(env.openFileLimit())
                : probed ? UNKNOWN : NOT_RECORDED));
        entries.add(new Entry("Java", known(env.java())));
        entries.add(new Entry("Server JVM options", config == null || config.jvmArgs() == null
                || config.jvmArgs().isEmpty() ? "none" : String.join(" ", config.jvmArgs())));
        entries.add(new Entry("Transparent huge pages", env.transparentHugePages() != null
                ? env.transparentHugePages() : env.allocators() != null ? UNKNOWN : NOT_RECORDED));
        if (env.allocators() != null) {
            env.allocators().forEach((name, context) -> entries.add(new Entry("Allocator " + name,
                    allocatorContext(context))));
        }
        entries.add(new Entry("Jetty", known(env.jetty())));
        entries.add(new Entry("Plugin", plugin));
        return entries;
    }

    private static List<Entry> configuration(ResultsSource source) {
        ConfigSummary config = source.config();
        if (config == null) {
            return List.of(new Entry("Configuration", "not recorded"));
        }
        return List.of(
                new Entry("Handler", known(config.handler())),
                new Entry("Allocators", config.allocators() == null ? UNKNOWN : String.join(", ", config.allocators())),
                new Entry("Server JDK", serverJdks(config.jdks())),
                new Entry("Connections", Units.count(config.connections())),
                new Entry("Duration", duration(config.durationMs())),
                new Entry("Load", config.rate() > 0 ? "open loop, " + Units.rate(config.rate()) + " req/s"
                        : "closed loop"),
                new Entry("Load warm-up (not measured)", duration(config.loadWarmupMs())),
                new Entry("Idle before the load", duration(config.warmupMs())),
                new Entry("Settle after the ramp (not measured)", duration(config.settleMs())),
                new Entry("Cool-down", duration(config.cooldownMs())),
                new Entry("Sample interval", duration(config.sampleIntervalMs())),
                new Entry("Trials", Integer.toString(config.trials())),
                new Entry("CPU placement", config.cpuPlacement()),
                new Entry("Requests", requests(config.request())),
                new Entry("JVM arguments", config.jvmArgs() == null || config.jvmArgs().isEmpty() ? "none"
                        : String.join(" ", config.jvmArgs())),
                new Entry("Load generator JVM arguments", config.generatorJvmArgs() == null ? NOT_RECORDED
                        : String.join(" ", config.generatorJvmArgs())));
    }

    /** The servers' JDKs as their JVMs reported them: {@code jdk25: 25.0.3 (Eclipse Adoptium) at /usr/lib/jvm/...}. */
    static String serverJdks(List<RunJdk> jdks) {
        if (jdks.isEmpty()) {
            return NOT_RECORDED;
        }
        return jdks.stream().map(j -> (j.label() == null ? "" : j.label() + ": ") + j.version() + " (" + j.vendor()
                + ") at " + j.javaHome()).collect(Collectors.joining("; "));
    }

    /** E.g. {@code POST /a, /b with 2 headers and a 120-byte body}. */
    static String requests(RequestShape request) {
        if (request == null) {
            return NOT_RECORDED;
        }
        List<String> extras = new ArrayList<>();
        if (!request.headers().isEmpty()) {
            extras.add(request.headers().size() + (request.headers().size() == 1 ? " header" : " headers"));
        }
        if (request.body() != null) {
            extras.add("a " + Units.count(request.body().getBytes(StandardCharsets.UTF_8).length) + "-byte body");
        }
        return request.method() + " " + String.join(", ", request.paths())
                + (extras.isEmpty() ? "" : " with " + String.join(" and ", extras));
    }

    private static List<LatencyRow> latencyRows(List<RunResult> runs, boolean showTrial) {
        List<LatencyRow> rows = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.status() != RunStatus.OK || run.load() == null || run.load().latencyMs() == null) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (double v : LatencyChart.values(run.load().latencyMs())) {
                values.add(Units.millis(v));
            }
            rows.add(new LatencyRow(name(run, showTrial), values));
        }
        return rows;
    }

    private static List<LoadRow> loadRows(List<RunResult> runs, boolean showTrial) {
        List<LoadRow> rows = new ArrayList<>();
        for (RunResult run : runs) {
            LoadResult load = run.load();
            if (load == null) {
                continue;
            }
            String errors = load.errorsByCause() == null || load.errorsByCause().isEmpty() ? "none"
                    : load.errorsByCause().entrySet().stream()
                    .map(e -> e.getKey() + ": " + Units.count(e.getValue()))
                    .collect(Collectors.joining(", "));
            rows.add(new LoadRow(name(run, showTrial),
                    ConsoleSummary.loop(load),
                    Units.count(load.connectionsOpened()),
                    Units.millis(load.rampMs()),
                    Integer.toString(Math.max(1, load.sourceAddresses())),
                    ConsoleSummary.where(load),
                    run.cpus() == null ? NOT_RECORDED : run.cpus().describe(),
                    load.generatorCpuSeconds() > 0 ? Units.seconds(load.generatorCpuSeconds()) : UNKNOWN,
                    load.generatorRssKb() > 0 ? Units.size(load.generatorRssKb()) : UNKNOWN,
                    errors,
                    run.cooldownShared() == null ? "–"
                            : run.cooldownShared() ? "next run started beside it" : "alone"));
        }
        return rows;
    }

    /** The judged checks of {@code result} in order, then those it could not judge. */
    static List<CheckRow> checkRows(BenchResult result) {
        List<CheckRow> rows = new ArrayList<>();
        result.checks().forEach(c -> rows.add(check(c)));
        result.unjudgedChecks().forEach(u -> rows.add(new CheckRow(u.allocator(), u.metric(), u.rule(),
                SummaryRow.NONE, SummaryRow.NONE, SummaryRow.NONE, CheckRow.UNJUDGED, "Could not be judged, because "
                + String.join("; ", u.reasons()) + ".")));
        return rows;
    }

    /** How many of {@code rows} came out as {@code outcome}. */
    static int count(List<CheckRow> rows, String outcome) {
        return (int) rows.stream().filter(c -> c.outcome().equals(outcome)).count();
    }

    private static CheckRow check(CheckResult check) {
        Metric metric = metricOf(check.metric());
        Function<Double, String> format = v -> v == null ? SummaryRow.NONE
                : metric == null ? Units.coordinate(v) : Verdict.value(metric, v);
        return new CheckRow(check.allocator(), check.metric(), check.rule(), format.apply(check.actual()),
                format.apply(check.limit()), format.apply(check.baseline()),
                check.passed() ? check.warned() ? CheckRow.WARN : CheckRow.PASS : CheckRow.FAIL,
                check.message() == null ? "" : check.message());
    }

    private static Metric metricOf(String key) {
        try {
            return Metric.ofKey(key);
        } catch (IllegalArgumentException e) {
            // A check written by a newer plugin may name a metric this one does not know; show its raw number.
            return null;
        }
    }

    private static List<Link> logs(List<RunResult> runs, boolean showTrial) {
        List<Link> links = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.logFile() != null) {
                links.add(new Link("server log of " + name(run, showTrial), run.logFile()));
                String generatorLog = generatorLog(run);
                if (generatorLog != null) {
                    links.add(new Link("load generator log of " + name(run, showTrial), generatorLog));
                }
            }
        }
        return links;
    }

    /**
     * The load generator's log, which the bench writes beside the server's ({@code logs/system-1-load.log}), when
     * the run's generator ran in a JVM of its own or its failure names that log; else {@code null}.
     */
    static String generatorLog(RunResult run) {
        if (!run.logFile().endsWith(".log")) {
            return null;
        }
        String log = run.logFile().substring(0, run.logFile().length() - ".log".length()) + "-load.log";
        boolean ownJvm = run.load() != null && "own".equals(run.load().generatorJvm());
        boolean named = run.failure() != null && run.failure().contains(log.substring(log.lastIndexOf('/') + 1));
        return ownJvm || named ? log : null;
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
                rows.add(new SampleRow(Integer.toString(index++), s.phase() == null ? "" : s.phase().label(),
                        String.format(java.util.Locale.ROOT, "%.1f", s.tMs() / 1000.0), Units.mib(s.rssKb()),
                        Units.mib(s.vszKb())));
            }
            tables.add(new SampleTable(name(run, showTrial), run.status().label() + ", " + rows.size()
                    + " samples, peak RSS " + Units.size(run.summary().peakRssKb()), rows));
        }
        return tables;
    }

    /**
     * The run's name in charts and tables: its allocator (with its JDK's label on several JDKs), with the trial when
     * there are several.
     */
    static String name(RunResult run, boolean showTrial) {
        return showTrial ? run.variant() + " #" + run.trial() : run.variant();
    }

    private static String duration(long ms) {
        return HumanDuration.format(Duration.ofMillis(ms));
    }

    private static String known(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
