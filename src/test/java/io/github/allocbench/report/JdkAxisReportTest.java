package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.RunJdk;
import io.github.allocbench.result.RunResult;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on several JDKs are named, compared and merged by allocator and JDK. */
class JdkAxisReportTest {

    private static final RunJdk JDK17 = new RunJdk("jdk17", "/usr/lib/jvm/java-17", "17.0.15", "Debian");
    private static final RunJdk JDK25 = new RunJdk("jdk25", "/usr/lib/jvm/temurin-25", "25.0.3", "Eclipse Adoptium");

    /** The fixture's runs, each on JDK 17 and again on JDK 25. */
    private static BenchResult twoJdks() {
        BenchResult base = ResultFixture.result();
        List<RunResult> runs = new ArrayList<>();
        for (RunJdk jdk : List.of(JDK17, JDK25)) {
            base.runs().forEach(r -> runs.add(r.toBuilder().jdk(jdk).build()));
        }
        return new BenchResult(base.schemaVersion(), base.plugin(), base.environment(),
                base.config().withJdks(List.of(JDK17, JDK25)), runs, List.of());
    }

    @Test
    void eachAllocatorIsComparedWithSystemOnTheSameJdkAndSource() {
        assertThat(Verdict.baselineFor("jemalloc")).isEqualTo("system");
        assertThat(Verdict.baselineFor("jemalloc@jdk25")).isEqualTo("system@jdk25");
        assertThat(Verdict.baselineFor("jemalloc@jdk25@machine-a")).isEqualTo("system@jdk25@machine-a");
    }

    @Test
    void theRunsAreNamedByAllocatorAndJdkInTablesAndCharts() {
        BenchResult result = twoJdks();

        assertThat(result.runs()).extracting(r -> ReportView.name(r, false))
                .contains("system@jdk17", "jemalloc@jdk17", "system@jdk25", "jemalloc@jdk25");
        assertThat(String.join("\n", ConsoleSummary.lines(result))).contains("system@jdk25", "mimalloc@jdk17");
    }

    @Test
    void aMergedSourceKeepsTheJdkInTheNameAndDropsItFromTheLabel() {
        BenchResult merged = ResultsMerge.merge(List.of(Path.of("/a/results.json")), List.of("a"),
                List.of(twoJdks()), Path.of("/out"), "0.1.0").result();

        assertThat(merged.runs()).extracting(RunResult::variant).contains("system@jdk17@a", "jemalloc@jdk25@a");
        assertThat(merged.runs()).allSatisfy(r -> assertThat(r.jdk().label()).isNull());
        assertThat(merged.config().variants()).contains("system@jdk17@a", "jemalloc@jdk25@a")
                .doesNotHaveDuplicates();
        assertThat(merged.config().jdks()).extracting(RunJdk::version).containsExactly("17.0.15", "25.0.3");
    }

    @Test
    void theReportNamesTheServersJdksAsTheirJvmsReportedThem() {
        String html = new ReportWriter().render(twoJdks());

        assertThat(html).contains("<th>Server JDK</th><td><code>jdk17: 17.0.15 (Debian) at /usr/lib/jvm/java-17; "
                + "jdk25: 25.0.3 (Eclipse Adoptium) at /usr/lib/jvm/temurin-25</code>", "jemalloc@jdk25");
        assertThat(new ReportWriter().render(ResultFixture.result()))
                .contains("<th>Server JDK</th><td><code>not recorded</code>");
    }
}
