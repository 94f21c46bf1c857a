package io.github.allocbench.report;

import io.github.allocbench.bench.BenchResult;
import io.github.allocbench.bench.ConfigSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    private final ReportWriter writer = new ReportWriter();
    private final String html = writer.render(ReportFixture.result());

    @Test
    void namesTheHandlerAndGivesTheVerdictFirst() {
        assertThat(html).contains("<title>Allocator bench: com.example.HelloHandler</title>",
                "<h1>Allocator bench: com.example.HelloHandler</h1>",
                "tcmalloc had the lowest peak RSS, 488 MiB: 97.7 MiB (16.7%) less than system (586 MiB).");
    }

    @Test
    void showsTheSectionsInTheDocumentedOrder() {
        assertThat(html).containsSubsequence("<h1>", "class=\"verdict\"", "<h2>Summary</h2>", "<svg",
                "<details>", "<h2>Environment</h2>", "<h2>Configuration</h2>", "href=\"results.json\"",
                "href=\"samples.csv\"");
    }

    @Test
    void hasOneSummaryRowPerRunWithFiguresOrTheReason() {
        assertThat(count(html, "<tr class=\"")).isEqualTo(4);
        assertThat(html).containsSubsequence("<tr class=\"ok\">", "<td>system</td>", "<td>none</td>",
                "586 MiB", "4.77 GiB", "24,812", "2.3 ms", "17.5 ms", "<td class=\"n\">3</td>", "10,000");
        assertThat(html).containsSubsequence("<tr class=\"skipped\">", "<td>jemalloc</td>",
                "jemalloc: /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 not found. Install it (Debian/Ubuntu: "
                        + "apt-get install libjemalloc2) or set &lt;library&gt; for this allocator.");
        assertThat(html).containsSubsequence("<tr class=\"failed\">", "<td>mimalloc</td>", "<td>yes</td>",
                ReportFixture.MIMALLOC_FAILURE + " (exit code 137)",
                "<a href=\"logs/mimalloc-1.log\">logs/mimalloc-1.log</a>");
        assertThat(html).containsSubsequence("<tr class=\"ok\">", "<td>tcmalloc</td>", "<td>yes</td>", "31,006");
    }

    @Test
    void drawsOneLinePerOkRunInItsAllocatorsColourWithLabelledAxesAndALegend() {
        String svg = svg(html);

        // The failed mimalloc run has samples but is not drawn; skipped jemalloc has none.
        assertThat(count(svg, "<polyline ")).isEqualTo(2);
        assertThat(svg).containsSubsequence("stroke=\"" + RssChart.PALETTE.get(0) + "\"", "<title>system</title>",
                "stroke=\"" + RssChart.PALETTE.get(3) + "\"", "<title>tcmalloc</title>");
        Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
        assertThat(points.find()).isTrue();
        assertThat(points.group(1).split(" ")).hasSize(15).allMatch(p -> p.matches("\\d+\\.\\d,\\d+\\.\\d"));
        assertThat(svg).contains(">time since the load started (s)</text>", ">RSS (MiB)</text>",
                ">system</text>", ">tcmalloc</text>", ">600</text>", ">-2</text>", ">14</text>");
        assertThat(svg).doesNotContain(">mimalloc</text>", ">jemalloc</text>");
    }

    @Test
    void theChartNeedsNoStylesheetAndThePageNothingFromOutside() {
        assertThat(svg(html)).doesNotContain("style", "class=");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<link", "src=", "@import",
                "https://", "url(");
    }

    @Test
    void tabulatesEachSampledRunInMiB() {
        assertThat(count(html, "<details>")).isEqualTo(3);
        assertThat(html).containsSubsequence("<summary>system: ok, 15 samples, peak RSS 586 MiB</summary>",
                "<th class=\"n\">#</th><th class=\"n\">RSS (MiB)</th><th class=\"n\">VSZ (MiB)</th>",
                "<tr><td class=\"n\">1</td><td class=\"n\">146.5</td><td class=\"n\">3,906.3</td></tr>",
                "<tr><td class=\"n\">15</td><td class=\"n\">468.8</td><td class=\"n\">4,882.8</td></tr>",
                "<summary>mimalloc: failed, 3 samples", "<summary>tcmalloc: ok, 15 samples");
    }

    @Test
    void describesTheEnvironmentAndTheConfiguration() {
        assertThat(html).containsSubsequence("<h2>Environment</h2>", "<th>OS</th><td>Linux</td>",
                "<th>Kernel</th><td>6.1.0-28-amd64</td>", "<th>Architecture</th><td>amd64</td>",
                "<th>CPUs</th><td>2</td>", "<th>Memory</th><td>24.00 GiB</td>", "<th>Java</th><td>17.0.15</td>",
                "<th>Jetty</th><td>12.1.14</td>", "<th>Plugin</th><td>0.1.0-SNAPSHOT</td>");
        assertThat(html).containsSubsequence("<h2>Configuration</h2>", "com.example.HelloHandler",
                "system, jemalloc, mimalloc, tcmalloc", "10,000", "<code>10s</code>", "<code>3s</code>",
                "<code>1s</code>", "-Xms2g -Xmx2g -XX:+UseG1GC");
    }

    @Test
    void escapesNamesThatLookLikeMarkup() {
        BenchResult fixture = ReportFixture.result("<script>alert(1)</script>", "tcmalloc");
        ConfigSummary c = fixture.config();
        BenchResult hostile = new BenchResult(fixture.schemaVersion(), fixture.plugin(), fixture.environment(),
                new ConfigSummary("<img src=x onerror=alert(2)>", c.allocators(), c.connections(), c.durationMs(),
                        c.warmupMs(), c.cooldownMs(), c.sampleIntervalMs(), c.trials(), c.jvmArgs()),
                fixture.runs(), List.of());

        String page = writer.render(hostile);

        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("<img")
                .contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>",
                        "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>",
                        "<h1>Allocator bench: &lt;img src=x onerror=alert(2)&gt;</h1>");
    }

    @Test
    void rendersTheSameWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(new ReportWriter().render(ReportFixture.result())).isEqualTo(html);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void writesIndexHtmlIntoTheOutputDirectory(@TempDir Path dir) throws IOException {
        Path file = writer.write(ReportFixture.result(), dir.resolve("allocator-bench"));

        assertThat(file).isEqualTo(dir.resolve("allocator-bench/index.html"));
        assertThat(Files.readString(file)).isEqualTo(html);
    }

    private static String svg(String page) {
        return page.substring(page.indexOf("<svg"), page.indexOf("</svg>") + "</svg>".length());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
