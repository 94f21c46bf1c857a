package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.NativeTrim;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.RunCpus;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.RunSummary;
import io.github.allocbench.result.UnjudgedCheck;
import io.github.allocbench.units.Units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    private final ReportWriter writer = new ReportWriter();
    private final String html = writer.render(ResultFixture.result());

    @Test
    void namesTheHandlerAndGivesTheVerdictFirst() {
        assertThat(html).contains("<title>Allocator bench: com.example.HelloHandler</title>",
                "<h1>Allocator bench: com.example.HelloHandler</h1>");
        assertThat(html).containsSubsequence("<h1>", "<h2>Verdict</h2>",
                "<li><strong>tcmalloc had the lowest peak RSS, 488 MiB, 97.7 MiB (16.7%) less than system "
                        + "(586 MiB), but with one trial each",
                "<li><strong>tcmalloc had the lowest RSS retained after the cooldown",
                "<li><strong>tcmalloc had the highest throughput, 31,006 req/s",
                "<li><strong>tcmalloc had the lowest p99 latency, 14.0 ms",
                "<li><strong>Not all runs completed: jemalloc was skipped; mimalloc failed", "<h2>Summary</h2>");
    }

    @Test
    void withNativeFiguresAndTrialsShowsTheNativeChartAndEachMedianWithItsSpread() {
        String page = writer.render(ResultFixture.withNative(ResultFixture.trials()));

        assertThat(page).containsSubsequence("<h2>Verdict</h2>", "id=\"spread-table\"",
                "<td>tcmalloc</td><td class=\"n\">3 of 3</td><td class=\"n\">443 MiB (434 MiB to 448 MiB)</td>",
                "<figure id=\"native-chart\">", "<figure id=\"rss-chart\">", "<h2>Where the memory went</h2>",
                "<figure id=\"native-breakdown\">", "outside NMT (allocator)");
        assertThat(html).doesNotContain("id=\"spread-table\"").doesNotContain("id=\"native-chart\"");
    }

    @Test
    void showsTheAllocatorGovernedMemoryOverTimeAndPerPhaseBesideTheNativeBreakdown() {
        String page = writer.render(ResultFixture.withNative(ResultFixture.withNmtMalloc(ResultFixture.result())));

        assertThat(page).containsSubsequence("<h2>Where the memory went</h2>", "<figure id=\"native-breakdown\">",
                "<figure id=\"governed-chart\">", "<h3>Native memory per phase</h3>", "id=\"native-phase-table\"",
                "allocator-governed is NMT malloc plus outside NMT", "<figure id=\"breakdown-1\">");
        String chart = between(page, "<figure id=\"governed-chart\">", "</figure>");
        assertThat(count(chart, "<polyline ")).isEqualTo(2);
        assertThat(chart).containsSubsequence("data-allocator=\"system\"", "data-allocator=\"tcmalloc\"")
                .containsSubsequence("data-phase=\"idle\"", "data-phase=\"ramp\"", "data-phase=\"load\"",
                        "data-phase=\"cooldown\"")
                .contains("Allocator-governed native memory over time", ">NMT malloc + outside NMT (MiB)</text>",
                        "what the JVM malloc&#39;d (Native Memory Tracking&#39;s malloc total)")
                .doesNotContain("mimalloc");
        Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(chart);
        assertThat(points.find()).isTrue();
        assertThat(points.group(1).split(" ")).hasSize(15);

        // Medians in MiB: e.g. system under load, 9 samples: native RSS 464,928 KiB, malloc 57,000 KiB, outside NMT
        // 364,928 KiB, governed 425,928 KiB; in the idle phase RSS is below NMT's total, so outside NMT is negative.
        String table = between(page, "id=\"native-phase-table\"", "</table>");
        assertThat(count(table, "<tr><td>")).isEqualTo(8);
        assertThat(table).containsSubsequence(
                row("system", "idle", "2", "18.5", "49.3", "-40.1", "9.2"),
                row("system", "ramp", "1", "91.7", "50.8", "-5.9", "44.9"),
                row("system", "load", "9", "454.0", "55.7", "356.4", "415.9"),
                row("system", "cooldown", "3", "340.8", "61.5", "243.1", "304.6"),
                row("tcmalloc", "idle", "2", "18.5", "49.3", "-40.1", "9.2"),
                row("tcmalloc", "load", "9", "356.4", "55.7", "258.7", "318.3"),
                row("tcmalloc", "cooldown", "3", "262.6", "61.5", "165.0", "226.5"));
        assertThat(table).doesNotContain("mimalloc", "jemalloc");
    }

    @Test
    void withoutNmtsMallocTotalThereIsNoGovernedChartAndThePhaseTableSaysWhatIsMissing() {
        assertThat(html).doesNotContain("id=\"governed-chart\"");
        // The plain fixture has NMT but neither a malloc total nor the heap's resident part.
        assertThat(between(html, "id=\"native-phase-table\"", "</table>"))
                .contains(row("system", "load", "9", "-", "-", "356.4", "-"));
    }

    @Test
    void withTrialsTheGovernedChartAndThePhaseTableShowEachAllocatorsRepresentativeTrial() {
        String page = writer.render(ResultFixture.withNmtMalloc(ResultFixture.trials()));

        // system's peaks are 600, 580 and 620 MB: trial 1 is the median; tcmalloc's 590, 585 and 575: trial 2.
        String chart = between(page, "<figure id=\"governed-chart\">", "</figure>");
        assertThat(count(chart, "<polyline ")).isEqualTo(2);
        assertThat(chart).contains("<title>system #1</title>", "<title>tcmalloc #2</title>");
        assertThat(between(page, "id=\"native-phase-table\"", "</table>"))
                .contains("<tr><td>system #1</td><td>idle</td>", "<tr><td>tcmalloc #2</td><td>cooldown</td>")
                .doesNotContain("system #2", "system #3", "tcmalloc #1", "tcmalloc #3");
    }

    private static String row(String name, String phase, String... cells) {
        StringBuilder row = new StringBuilder("<tr><td>" + name + "</td><td>" + phase + "</td>");
        for (String cell : cells) {
            row.append("<td class=\"n\">").append(cell).append("</td>");
        }
        return row.append("</tr>").toString();
    }

    @Test
    void showsEverySectionInTheDocumentedOrder() {
        assertThat(html).containsSubsequence("<h2>Verdict</h2>", "<h2>Summary</h2>", "id=\"summary-table\"",
                "<figure id=\"rss-chart\">", "<figure id=\"vsz-chart\">", "<h2>Where the memory went</h2>",
                "<figure id=\"breakdown-1\">", "<figure id=\"breakdown-2\">", "<figure id=\"throughput-chart\">",
                "<figure id=\"latency-chart\">", "id=\"latency-table\"", "<h2>Samples</h2>", "<details>",
                "<h2>Environment</h2>", "<h2>Configuration</h2>", "<h2>Data</h2>", "href=\"results.json\"",
                "href=\"samples.csv\"", "href=\"summary.md\"", "href=\"logs/system-1.log\"",
                "<a href=\"logs/system-1-load.log\">logs/system-1-load.log</a>: load generator log of system");
        assertThat(html).doesNotContain("<h2>Gate verdicts</h2>");
    }

    @Test
    void hasOneSummaryRowPerRunWithFiguresInUnitsAndTheBestMarked() {
        String table = between(html, "id=\"summary-table\"", "</table>");
        assertThat(count(table, "<tr class=\"")).isEqualTo(4);
        assertThat(table).containsSubsequence("<th>Allocator</th>", "<th>Status</th>", "<th>Preload proven</th>",
                ">Peak RSS</th>", ">Median load RSS</th>", ">Retained RSS</th>", ">Returned</th>", ">Peak VSZ</th>",
                ">Outside NMT</th>", ">Req/s</th>", ">p50</th>", ">p99</th>", ">Errors</th>",
                ">Connections held</th>");
        assertThat(table).containsSubsequence("<tr class=\"ok\" data-run=\"system\">", "<td>system</td>",
                "<td>none</td>", ">586 MiB<", ">582 MiB<", ">322 MiB<", ">26.7%<", ">4.77 GiB<", ">356 MiB<",
                ">24,812<", ">2.3 ms<", ">17.5 ms<", ">3 (0.00%)<", ">10,000<");
        // tcmalloc is better in every column that differs (the same 3 errors are a lower rate of its more
        // requests); connections are equal, so unmarked.
        assertThat(table).containsSubsequence("<td>tcmalloc</td>", "<td>yes</td>",
                "<strong>488 MiB ★</strong>", "<strong>484 MiB ★</strong>", "<strong>244 MiB ★</strong>",
                "<strong>28.6% ★</strong>", ">3.91 GiB<", "<strong>259 MiB ★</strong>",
                "<strong>31,006 ★</strong>", "<strong>1.9 ms ★</strong>", "<strong>14.0 ms ★</strong>",
                "<strong>3 (0.00%) ★</strong>", "<td class=\"n\">10,000</td>");
        assertThat(count(table, "★")).isEqualTo(9);
        assertThat(table).containsSubsequence("<tr class=\"skipped\" data-run=\"jemalloc\">",
                "jemalloc: /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 not found. Install it (Debian/Ubuntu: "
                        + "apt-get install libjemalloc2) or set &lt;library&gt; for this allocator.");
        assertThat(table).containsSubsequence("<tr class=\"failed\" data-run=\"mimalloc\">", "<td>yes</td>",
                ResultFixture.MIMALLOC_FAILURE + " (exit code 137)",
                "<a href=\"logs/mimalloc-1.log\">logs/mimalloc-1.log</a>");
    }

    @Test
    void overlaysOneLinePerOkRunInItsAllocatorsColourOverShadedPhases() {
        String rss = between(html, "<figure id=\"rss-chart\">", "</figure>");

        // The failed mimalloc run has samples but is not drawn; skipped jemalloc has none.
        assertThat(count(rss, "<polyline ")).isEqualTo(2);
        assertThat(rss).containsSubsequence("stroke=\"" + Palette.COLOURS.get(0) + "\"",
                "data-allocator=\"system\"", "stroke=\"" + Palette.COLOURS.get(3) + "\"",
                "data-allocator=\"tcmalloc\"");
        assertThat(rss).containsSubsequence("data-phase=\"idle\"", "data-phase=\"ramp\"", "data-phase=\"load\"",
                "data-phase=\"cooldown\"");
        Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(rss);
        assertThat(points.find()).isTrue();
        assertThat(points.group(1).split(" ")).hasSize(15).allMatch(p -> p.matches("\\d+\\.\\d,\\d+\\.\\d"));
        assertThat(rss).contains(">time since the server was ready (s)</text>", ">RSS (MiB)</text>",
                ">system</text>", ">tcmalloc</text>", ">600</text>", ">0</text>", ">14</text>");
        assertThat(rss).doesNotContain("mimalloc", "jemalloc");
    }

    @Test
    void drawsEveryOtherChartWithUnitsAndTheSameColourPerAllocator() {
        String system = "fill=\"" + Palette.COLOURS.get(0) + "\"";
        String tcmalloc = "fill=\"" + Palette.COLOURS.get(3) + "\"";
        String vsz = between(html, "<figure id=\"vsz-chart\">", "</figure>");
        assertThat(vsz).contains(">VSZ (MiB)</text>", ">5,000</text>");
        assertThat(count(vsz, "<polyline ")).isEqualTo(2);

        String throughput = between(html, "<figure id=\"throughput-chart\">", "</figure>");
        assertThat(throughput).contains(">second of the measured window (s)</text>", ">responses per second</text>");
        assertThat(count(throughput, "<polyline ")).isEqualTo(2);

        String latency = between(html, "<figure id=\"latency-chart\">", "</figure>");
        assertThat(latency).contains(">latency (ms, log scale)</text>", ">p50</text>", ">p99.9</text>",
                ">max</text>", "<title>system p99: 17.5 ms</title>", "<title>tcmalloc p99: 14.0 ms</title>");
        String bars = latency.replaceAll("\\s+", " ");
        assertThat(count(bars, system + " fill-opacity=\"1.0\" data-allocator=\"system\"")).isEqualTo(5);
        assertThat(count(bars, tcmalloc + " fill-opacity=\"1.0\" data-allocator=\"tcmalloc\"")).isEqualTo(5);

        String breakdown = between(html, "<figure id=\"breakdown-2\">", "</figure>");
        assertThat(breakdown).contains("tcmalloc: where RSS went", ">heap committed</text>",
                ">NMT-tracked native</text>", ">outside NMT (allocator)</text>", ">RSS</text>", ">MiB</text>");
        assertThat(count(breakdown, "<polygon ")).isEqualTo(3);
        assertThat(breakdown).contains(tcmalloc).doesNotContain(system);
    }

    @Test
    void aBenchOfEveryBuiltInVariantDrawsNoTwoAllocatorsAlike() {
        List<String> variants = List.of("system", "glibc-arena2", "glibc-trim", "jemalloc", "jemalloc-return",
                "mimalloc", "mimalloc-return", "tcmalloc", "tcmalloc-return");
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            runs.add(ResultFixture.ok(variants.get(i), 1, 1_000L + i, 600_000 + 1_000L * i, 5_000_000,
                    20_000 + 100.0 * i));
        }
        BenchResult f = ResultFixture.result();
        ConfigSummary c = f.config();
        BenchResult all = new BenchResult(1, f.plugin(), f.environment(), new ConfigSummary(c.handler(), variants,
                c.connections(), c.durationMs(), c.warmupMs(), c.cooldownMs(), c.sampleIntervalMs(), c.trials(),
                c.jvmArgs()), runs, List.of());

        String page = writer.render(all);

        String rss = between(page, "<figure id=\"rss-chart\">", "</figure>");
        Map<String, String> lineLooks = looks(rss, "polyline", "stroke", "stroke-dasharray");
        assertThat(lineLooks).containsOnlyKeys(variants);
        assertThat(Set.copyOf(lineLooks.values())).hasSameSizeAs(variants);
        assertThat(rss.replaceAll("\\s+", " ")).contains("stroke-dasharray=\"8 4\" />");

        String latency = between(page, "<figure id=\"latency-chart\">", "</figure>");
        Map<String, String> barLooks = looks(latency, "rect", "fill", "fill-opacity");
        assertThat(barLooks).containsOnlyKeys(variants);
        assertThat(Set.copyOf(barLooks.values())).hasSameSizeAs(variants);
    }

    /** Per allocator, the values of {@code attributes} of its {@code element}s in {@code svg}, space-separated. */
    private static Map<String, String> looks(String svg, String element, String... attributes) {
        Matcher tags = Pattern.compile("<" + element + " [^>]*data-allocator[^>]*>").matcher(svg.replaceAll("\\s+",
                " "));
        Map<String, String> looks = new LinkedHashMap<>();
        while (tags.find()) {
            String tag = tags.group();
            List<String> values = new ArrayList<>();
            for (String attribute : attributes) {
                values.add(attribute(tag, attribute));
            }
            looks.put(attribute(tag, "data-allocator"), String.valueOf(values));
        }
        return looks;
    }

    /** The value of attribute {@code name} in the SVG element {@code tag}, or {@code null} when it has none. */
    private static String attribute(String tag, String name) {
        Matcher value = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag);
        return value.find() ? value.group(1) : null;
    }

    @Test
    void explainsHonestlyWhenRssIsBelowWhatNmtCommitted() {
        // In the fixture's two idle samples and the ramp sample RSS (150,000 KiB) is below NMT's 191,072 KiB.
        assertThat(between(html, "<figure id=\"breakdown-1\">", "</figure>")).contains(
                "In 3 of 15 samples RSS was below NMT&#39;s committed total (by up to 40 MiB)",
                "committed memory counts as soon as it is reserved, RSS only once a page is touched.",
                "-XX:+AlwaysPreTouch touches the heap at start-up and aligns the two.");
    }

    @Test
    void saysWhereTheLoadGeneratorRanWhatItUsedAndWhyRequestsFailed() {
        assertThat(html).containsSubsequence("<h2>Latency</h2>", "<h3>Load generator</h3>", "id=\"load-table\"",
                "<td>system</td><td>closed loop</td><td class=\"n\">10,000</td><td class=\"n\">1,800 ms</td>"
                        + "<td class=\"n\">1</td><td>its own JVM</td><td>not recorded</td><td class=\"n\">12.5 s</td>"
                        + "<td class=\"n\">342 MiB</td><td>connect timeout: 3</td>",
                "<td>tcmalloc</td>", "(its own, started for each run, in results from this version), beside the server,"
                        + " on the same cores unless");
    }

    @Test
    void showsTheCpuPlacementAskedForAndTheCpusEachRunWasAllowed() {
        BenchResult f = ResultFixture.result();
        ConfigSummary pinned = ResultFixture.pinned(f.config(), "0-1", "2-3");
        List<RunResult> runs = f.runs().stream().map(r -> r.toBuilder().cpus(new RunCpus("0-1", "2-3")).build())
                .toList();

        String page = writer.render(new BenchResult(1, f.plugin(), f.environment(), pinned, runs, List.of()));

        assertThat(page).contains("<th>CPU placement</th><td><code>server CPUs 0-1, generator CPUs 2-3</code>");
        assertThat(between(page, "id=\"load-table\"", "</table>")).contains(
                "<td>its own JVM</td><td>server 0-1, generator 2-3</td>");
        assertThat(html).contains("<th>CPU placement</th><td><code>not pinned</code>");
    }

    @Test
    void saysForEachRunWhetherTheNextRunStartedDuringItsCooldown() {
        BenchResult f = ResultFixture.result();
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < f.runs().size(); i++) {
            runs.add(f.runs().get(i).toBuilder().cooldownShared(i < f.runs().size() - 1).build());
        }

        String table = between(writer.render(new BenchResult(1, f.plugin(), f.environment(), f.config(), runs,
                List.of())), "id=\"load-table\"", "</table>");

        assertThat(table).contains("<th>Cool-down</th>");
        assertThat(table).containsSubsequence("<td>system</td>", "<td>next run started beside it</td></tr>",
                "<td>tcmalloc</td>", "<td>alone</td></tr>");
        assertThat(between(html, "id=\"load-table\"", "</table>")).contains("<td>–</td></tr>")
                .doesNotContain("next run started", "alone");
    }

    @Test
    void theChartsNeedNoStylesheetAndThePageNothingFromOutside() {
        for (String id : List.of("rss-chart", "vsz-chart", "breakdown-1", "throughput-chart", "latency-chart")) {
            assertThat(between(html, "<figure id=\"" + id + "\">", "</figure>")).doesNotContain("style", "class=");
        }
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<link", "src=", "@import",
                "https://", "url(");
        assertThat(html).contains("@media print");
    }

    @Test
    void foldsTheRawSamplesOfEachSampledRun() {
        assertThat(count(html, "<details>")).isEqualTo(3);
        assertThat(html).containsSubsequence("<summary>system: ok, 15 samples, peak RSS 586 MiB</summary>",
                "<th class=\"n\">#</th><th class=\"n\">t (s)</th><th>Phase</th><th class=\"n\">RSS (MiB)</th>",
                "<tr><td class=\"n\">1</td><td class=\"n\">0.0</td><td>idle</td><td class=\"n\">146.5</td>"
                        + "<td class=\"n\">3,906.3</td></tr>",
                "<tr><td class=\"n\">15</td><td class=\"n\">14.0</td><td>cooldown</td><td class=\"n\">468.8</td>",
                "<summary>mimalloc: failed, 3 samples", "<summary>tcmalloc: ok, 15 samples");
    }

    @Test
    void describesTheEnvironmentAndTheConfiguration() {
        assertThat(html).containsSubsequence("<h2>Environment</h2>", "<th>OS</th><td><code>Linux</code></td>",
                "<th>Kernel</th><td><code>6.1.0-28-amd64</code></td>", "<th>CPU model</th><td><code>AMD EPYC 7B13",
                "<th>CPUs</th><td><code>2</code>", "<th>Memory</th><td><code>24.00 GiB</code>",
                "<th>cgroup memory limit</th><td><code>8.00 GiB</code>",
                "<th>Open-file limit</th><td><code>20,000</code>", "<th>Java</th><td><code>17.0.15</code>",
                "<th>Server JVM options</th><td><code>-Xms2g -Xmx2g -XX:+UseG1GC</code>",
                "<th>Jetty</th><td><code>12.1.14</code>", "<th>Plugin</th><td><code>0.1.0-SNAPSHOT</code>");
        assertThat(html).containsSubsequence("<h2>Configuration</h2>", "com.example.HelloHandler",
                "system, jemalloc, mimalloc, tcmalloc", "10,000", "<code>10s</code>", "<code>3s</code>",
                "<code>1s</code>", "<th>Requests</th><td><code>not recorded</code>",
                "<th>Load generator JVM arguments</th><td><code>not recorded</code>");
    }

    @Test
    void namesTheRequestsAndTheGeneratorsJvmOptionsWhereRecorded() {
        BenchResult fixture = ResultFixture.result();
        ConfigSummary c = fixture.config();
        BenchResult recorded = new BenchResult(fixture.schemaVersion(), fixture.plugin(), fixture.environment(),
                new ConfigSummary(c.handler(), c.allocators(), c.connections(), c.durationMs(), c.warmupMs(),
                        c.cooldownMs(), c.sampleIntervalMs(), c.trials(), c.jvmArgs(), 5_000, 0,
                        List.of("-Xmx256m", "-Xmn128m"), new RequestShape("POST", List.of("/a", "/b"),
                        Map.of("X-Trace", "1"), "{\"k\":1}"), 3_000, null),
                fixture.runs(), List.of());

        assertThat(writer.render(recorded)).contains(
                "<th>Requests</th><td><code>POST /a, /b with 1 header and a 7-byte body</code>",
                "<th>Load generator JVM arguments</th><td><code>-Xmx256m -Xmn128m</code>",
                "<th>Settle after the ramp (not measured)</th><td><code>3s</code>");
    }

    @Test
    void saysAnOldResultsFileDidNotRecordTheNewerEnvironmentFields() {
        BenchResult f = ResultFixture.result();
        var e = f.environment();
        BenchResult old = new BenchResult(1, f.plugin(), new io.github.allocbench.result.BenchEnvironment(e.os(),
                e.kernel(), e.arch(), e.cpus(), e.memoryBytes(), e.java(), e.jetty()), f.config(), f.runs(), List.of());

        assertThat(writer.render(old)).contains("<th>CPU model</th><td><code>not recorded</code>",
                "<th>cgroup memory limit</th><td><code>not recorded</code>");
    }

    @Test
    void showsTheGatesVerdictsWhenThereAreAny() {
        BenchResult f = ResultFixture.result();
        BenchResult gated = new BenchResult(1, f.plugin(), f.environment(), f.config(), f.runs(), List.of(
                new CheckResult("system", "peakRss", "maximum", 600_000, 512_000, null, false,
                        "system peakRss is 586 MiB, but the maximum is 500 MiB."),
                new CheckResult("tcmalloc", "requestsPerSecond", "minimum", 31_005.6, 20_000, null, true,
                        "tcmalloc requestsPerSecond is 31,006 req/s, at least 20,000 req/s.")));

        String page = writer.render(gated);

        assertThat(page).containsSubsequence("<h2>Gate verdicts</h2>", "1 of 2 checks failed.",
                "<tr class=\"fail\">", "FAIL", "<td>system</td><td>peakRss</td>", "<td>maximum</td>",
                ">586 MiB<", ">500 MiB<", ">-<", "system peakRss is 586 MiB, but the maximum is 500 MiB.",
                "<tr class=\"pass\">", "PASS", ">31,006 req/s<", ">20,000 req/s<", "<h2>Samples</h2>");
    }

    @Test
    void showsWhatEachRunGaveBackAfterTheLoadAndWhatTheTrimOfGlibcsHeapAddedOnTop() {
        long heap = 2_097_152;
        List<MemorySample> samples = new ArrayList<>();
        long[][] points = {{0, 150_000}, {1_000, 240_000}, {2_000, 260_000}, {2_100, 250_000}, {3_000, 230_000},
            {7_000, 200_000}, {9_000, 190_000}};
        for (long[] p : points) {
            Phase phase = p[0] == 0 ? Phase.IDLE : p[0] <= 2_000 ? Phase.LOAD : Phase.COOLDOWN;
            JvmSnapshot jvm = new JvmSnapshot(heap / 2, heap, 40_000, 45_000, 0, 0, 1, 1, 30, null, Map.of(), null)
                    .withHeapResident(heap, "committed");
            samples.add(new MemorySample(p[0], phase, heap + p[1], heap * 2, heap + p[1], 0, 0, 0, 40, null, null,
                    jvm));
        }
        BenchResult f = ResultFixture.result();
        RunResult glibc = RunResult.builder("system", 1).samples(samples).trim(new NativeTrim(heap + 190_000,
                heap + 150_000, 190_000L, "Trim native heap: RSS+Swap: 2.2G->2.1G (-39M)")).build();
        RunResult jemalloc = RunResult.builder("jemalloc", 1).samples(samples).build();

        String page = writer.render(new BenchResult(1, f.plugin(), f.environment(), f.config(),
                List.of(glibc, jemalloc), List.of()));

        assertThat(page).containsSubsequence("<h3>Given back after the load</h3>", "<th class=\"n\">Native RSS "
                        + "+100 ms</th>", "End of cooldown", "Trim gave back",
                "<td>system</td>", ">" + Units.size(250_000) + "<", ">" + Units.size(230_000) + "<",
                ">" + Units.size(200_000) + "<", ">" + Units.size(190_000) + "<", ">" + Units.size(40_000) + "<",
                ">" + Units.size(150_000) + "<", "Trim native heap: RSS+Swap: 2.2G-&gt;2.1G (-39M)",
                "<td>jemalloc</td>", ">" + Units.size(250_000) + "<", ">-<", ">-<");
    }

    @Test
    void theNativeBreakdownColoursOnlyTheLargestCategoriesEachItsOwnWayAndTheTableListsEveryOne() {
        long heap = 2_097_152;
        Map<String, Long> categories = new LinkedHashMap<>();
        categories.put("Java Heap", heap);
        for (int i = 1; i <= 18; i++) {
            categories.put("Category " + i, 1_024L * i);
        }
        // Under 1 % of the column: a sliver nobody could see, so it joins the grey layer even among the largest.
        categories.put("Tiny", 10L);
        long nmt = categories.values().stream().mapToLong(Long::longValue).sum();
        List<MemorySample> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JvmSnapshot jvm = new JvmSnapshot(heap / 2, heap, 0, 0, 0, 0, 1, 1, 30, nmt, categories, null)
                    .withHeapResident(heap, "committed");
            samples.add(new MemorySample(i * 1_000L, i == 0 ? Phase.IDLE : Phase.LOAD, nmt + 40_960, heap * 2,
                    nmt + 40_960, 0, 0, 0, 40, null, null, jvm));
        }
        BenchResult f = ResultFixture.result();
        String page = writer.render(new BenchResult(1, f.plugin(), f.environment(), f.config(),
                List.of(RunResult.builder("system", 1).samples(samples).build()), List.of()));

        String svg = page.substring(page.indexOf("<figure id=\"native-breakdown\">"));
        svg = svg.substring(0, svg.indexOf("</svg>"));
        Matcher box = Pattern.compile("viewBox=\"0 0 [0-9.]+ ([0-9.]+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        double height = Double.parseDouble(box.group(1));
        Matcher text = Pattern.compile("<text[^>]* y=\"([0-9.]+)\"[^>]*>(outside NMT \\(allocator\\)|[0-9]+ smaller "
                + "categories|Category [0-9]+)</text>").matcher(svg);
        List<String> legend = new ArrayList<>();
        while (text.find()) {
            legend.add(text.group(2));
            assertThat(Double.parseDouble(text.group(1))).as(text.group(2)).isLessThan(height);
        }
        // Top to bottom as the layers stack: the allocator's layer, the grey rest, then the eight largest upwards.
        assertThat(legend).containsExactly("outside NMT (allocator)", "11 smaller categories", "Category 11",
                "Category 12", "Category 13", "Category 14", "Category 15", "Category 16", "Category 17",
                "Category 18");
        Matcher fill = Pattern.compile("<polygon [^>]*fill=\"(#[0-9a-f]{6})\"[^>]*><title>system: ([^<]+)</title>")
                .matcher(svg);
        Map<String, String> layerColours = new LinkedHashMap<>();
        while (fill.find()) {
            layerColours.put(fill.group(2), fill.group(1));
        }
        assertThat(layerColours).containsKeys("Category 18 18.0 MiB", "11 smaller categories 55.0 MiB",
                "outside NMT (allocator) 40.0 MiB");
        assertThat(Set.copyOf(layerColours.values())).hasSameSizeAs(layerColours.values());

        assertThat(page).containsSubsequence("<table border=\"1\" id=\"native-category-table\">",
                "<th class=\"n\">system</th>", "<td>Category 18</td><td class=\"n\">18.0</td>",
                "<td>Category 1</td><td class=\"n\">1.0</td>", "<td>Tiny</td><td class=\"n\">0.0</td>",
                "<td>outside NMT (allocator)</td><td class=\"n\">40.0</td>",
                "<td>total (height of the column)</td><td class=\"n\">211.0</td>");
    }

    @Test
    void showsTheChecksItCouldNotJudgeBesideTheJudgedOnes() {
        BenchResult f = ResultFixture.result();
        BenchResult gated = new BenchResult(1, f.plugin(), f.environment(), f.config(), f.runs(), List.of(
                new CheckResult("system", "errorRate", "maximum", 0, 1, null, true,
                        "system errorRate is 0.0%, at most 1.0%.")), false, List.of(
                new UnjudgedCheck("tcmalloc", "errorRate", "maximum", List.of("trial 1 is invalid: 100.0% of "
                        + "responses were errors"))));

        String page = writer.render(gated);

        assertThat(page).containsSubsequence("<h2>Gate verdicts</h2>", "All 1 checks passed. 1 could not be "
                        + "judged", "<tr class=\"pass\">", "<tr class=\"unjudged\">", "NOT JUDGED",
                "<td>tcmalloc</td><td>errorRate</td>", "Could not be judged, because trial 1 is invalid: 100.0% of "
                        + "responses were errors.");
        assertThat(SummaryMarkdown.render(gated, List.of())).contains(
                "### Gate verdicts: all 1 passed; 1 could not be judged (invalid runs)",
                "| not judged | tcmalloc | errorRate | maximum | - | - | - | Could not be judged, because trial 1 "
                        + "is invalid: 100.0% of responses were errors. |");
    }

    @Test
    void linksTheLoadGeneratorsLogWhenItRanInItsOwnJvmOrItsFailureNamesIt() {
        RunResult failed = new RunResult("jemalloc", 2, RunStatus.FAILED, null, false, 7L, null,
                "the load failed in phase idle: The load generator's JVM (pid 8) exited with exit code 1 before "
                        + "reporting 'warm'; last lines of /p/target/allocator-bench/logs/jemalloc-2-load.log:",
                "logs/jemalloc-2.log", List.of(), null, RunSummary.of(List.of()), null, null);
        RunResult serverDied = new RunResult("system", 1, RunStatus.FAILED, null, false, 7L, 137,
                "the server died in phase load", "logs/system-1.log", List.of(), null, RunSummary.of(List.of()), null, null);

        assertThat(ReportView.generatorLog(failed)).isEqualTo("logs/jemalloc-2-load.log");
        assertThat(ReportView.generatorLog(serverDied)).isNull();
    }

    @Test
    void escapesNamesThatLookLikeMarkup() {
        BenchResult fixture = ResultFixture.result("<script>alert(1)</script>", "tcmalloc");
        ConfigSummary c = fixture.config();
        BenchResult hostile = new BenchResult(fixture.schemaVersion(), fixture.plugin(), fixture.environment(),
                new ConfigSummary("<img src=x onerror=alert(2)>", c.allocators(), c.connections(), c.durationMs(),
                        c.warmupMs(), c.cooldownMs(), c.sampleIntervalMs(), c.trials(), c.jvmArgs()),
                fixture.runs(), List.of());

        String page = writer.render(hostile);

        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("<img")
                .contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>",
                        "data-allocator=\"&lt;script&gt;alert(1)&lt;/script&gt;\"",
                        "<text x=\"", ">&lt;script&gt;alert(1)&lt;/script&gt;</text>",
                        "<h1>Allocator bench: &lt;img src=x onerror=alert(2)&gt;</h1>");
    }

    @Test
    void rendersTheSameWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(new ReportWriter().render(ResultFixture.result())).isEqualTo(html);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void writesIndexHtmlIntoTheOutputDirectory(@TempDir Path dir) throws IOException {
        Path file = writer.write(ResultFixture.result(), dir.resolve("allocator-bench"));

        assertThat(file).isEqualTo(dir.resolve("allocator-bench/index.html"));
        assertThat(Files.readString(file)).isEqualTo(html);
    }

    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s in the page", start).isNotNegative();
        int to = text.indexOf(end, from);
        assertThat(to).as("%s after %s", end, start).isPositive();
        return text.substring(from, to + end.length());
    }

    static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
