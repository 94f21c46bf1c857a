package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunStatus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the report of the fixture in a real browser, Debian's headless Chromium, driven through its command line
 * ({@code --dump-dom}, {@code --screenshot}) rather than Selenium: no driver to match to the browser's version, no
 * extra dependency, and the page has no JavaScript to interact with. Checks that the page loads without console
 * errors, that the summary table and every chart made it into the browser's DOM, and writes
 * {@code target/report-screenshot.png} for people to look at. Skipped only when Chromium is not installed
 * ({@code .ci/setup} installs it).
 */
class ReportBrowserTest {

    private static final Path TARGET = Path.of("target");
    private static final Path PAGE_DIR = TARGET.resolve("report-browser");
    private static final Path SCREENSHOT = TARGET.resolve("report-screenshot.png");
    private static final long BROWSER_TIMEOUT_SECONDS = 120;

    private static Path chromium;
    private static BenchResult fixture;

    @BeforeAll
    static void renderTheFixture() throws IOException {
        Optional<Path> found = Stream.of("chromium", "chromium-browser")
                .flatMap(name -> Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(found.isPresent(), "Chromium is not installed (no chromium on PATH), so the report's browser "
                + "test is skipped. Install it: apt-get install chromium (.ci/setup does).");
        chromium = found.get();
        fixture = ResultFixture.result();
        Files.createDirectories(PAGE_DIR);
        new ReportWriter().write(fixture, PAGE_DIR);
        SummaryMarkdown.write(fixture, PAGE_DIR);
        ResultsFile.write(fixture, PAGE_DIR.resolve(ResultsFile.NAME));
        SamplesCsv.write(fixture, PAGE_DIR.resolve(SamplesCsv.NAME));
    }

    @Test
    void loadsWithoutConsoleErrorsAndKeepsTableAndChartsInTheDom() throws Exception {
        Browser run = browse("--dump-dom", "--enable-logging=stderr", "--v=0");

        assertThat(run.exitCode()).as("chromium's exit code; stderr:\n%s", run.stderr()).isZero();
        assertThat(run.stderr().lines()
                .filter(l -> l.contains("CONSOLE") || l.contains("Uncaught"))
                .filter(l -> l.contains("ERROR") || l.contains("Uncaught") || l.contains("index.html")))
                .as("console messages of the page").isEmpty();
        String dom = run.stdout();
        assertThat(dom).contains("<h1>Allocator bench: com.example.HelloHandler</h1>", "<h2>Verdict</h2>");

        String table = between(dom, "<table border=\"1\" id=\"summary-table\">", "</table>");
        assertThat(count(table, "<tr class=\"")).isEqualTo(fixture.runs().size());

        Set<String> ok = new LinkedHashSet<>();
        fixture.runs().stream().filter(r -> r.status() == RunStatus.OK).forEach(r -> ok.add(r.allocator()));
        for (String id : List.of("rss-chart", "vsz-chart", "throughput-chart", "latency-chart")) {
            String figure = between(dom, "<figure id=\"" + id + "\">", "</figure>");
            assertSized(id, figure);
            assertThat(allocatorsIn(figure)).as("series of %s", id).containsExactlyElementsOf(ok);
        }
        for (int i = 1; i <= ok.size(); i++) {
            String figure = between(dom, "<figure id=\"breakdown-" + i + "\">", "</figure>");
            assertSized("breakdown-" + i, figure);
            assertThat(allocatorsIn(figure)).hasSize(1);
        }
    }

    @Test
    void drawsAScreenshotWithEveryAllocatorsColour() throws Exception {
        Files.deleteIfExists(SCREENSHOT);

        Browser run = browse("--screenshot=" + SCREENSHOT.toAbsolutePath(), "--window-size=1280,4000",
                "--hide-scrollbars");

        assertThat(run.exitCode()).as("chromium's exit code; stderr:\n%s", run.stderr()).isZero();
        assertThat(SCREENSHOT).exists();
        assertThat(Files.size(SCREENSHOT)).as("screenshot bytes").isGreaterThan(50_000);
        BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(4000);
        // system and tcmalloc are drawn; the failed mimalloc and the skipped jemalloc are not.
        Palette palette = new Palette(fixture.config().allocators());
        assertThat(pixelsNear(image, palette.colourOf("system"))).as("system's pixels").isGreaterThan(500);
        assertThat(pixelsNear(image, palette.colourOf("tcmalloc"))).as("tcmalloc's pixels").isGreaterThan(500);
    }

    private record Browser(int exitCode, String stdout, String stderr) {
    }

    private static Browser browse(String... options) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("allocbench-chromium");
        Path out = Files.createTempFile("allocbench-chromium", ".out");
        Path err = Files.createTempFile("allocbench-chromium", ".err");
        try {
            List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
            command.addAll(List.of(options));
            command.add(PAGE_DIR.resolve(ReportWriter.NAME).toAbsolutePath().toUri().toString());
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError("chromium did not finish within " + BROWSER_TIMEOUT_SECONDS + " s");
            }
            return new Browser(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void assertSized(String id, String figure) {
        Matcher svg = Pattern.compile("<svg [^>]*width=\"([0-9.]+)\" height=\"([0-9.]+)\"").matcher(figure);
        assertThat(svg.find()).as("%s has an <svg> with a width and a height", id).isTrue();
        assertThat(Double.parseDouble(svg.group(1))).as("%s width", id).isPositive();
        assertThat(Double.parseDouble(svg.group(2))).as("%s height", id).isPositive();
    }

    private static Set<String> allocatorsIn(String figure) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("data-allocator=\"([^\"]*)\"").matcher(figure);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Pixels within a small distance of {@code hex}: anti-aliasing blurs line edges, not their middles. */
    private static int pixelsNear(BufferedImage image, String hex) {
        int target = Integer.parseInt(hex.substring(1), 16);
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int d = Math.abs((rgb >> 16 & 0xff) - (target >> 16 & 0xff))
                        + Math.abs((rgb >> 8 & 0xff) - (target >> 8 & 0xff)) + Math.abs((rgb & 0xff) - (target & 0xff));
                if (d < 30) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s in the DOM", start).isNotNegative();
        int to = text.indexOf(end, from);
        assertThat(to).as("%s after %s", end, start).isPositive();
        return text.substring(from, to + end.length());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
