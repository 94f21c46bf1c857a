package io.github.allocbench.report;

import io.github.allocbench.result.ResultFixture;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SitePageTest {

    @Test
    void summarisesEachRunWithItsHeadlineFiguresAndTheGatesVerdictOnItsAllocator() {
        SitePage page = SitePage.of(CiFixture.result());

        assertThat(page.title()).isEqualTo("Allocator bench: " + ResultFixture.HANDLER);
        assertThat(page.sentences()).isEqualTo(Verdict.sentences(CiFixture.result()));
        assertThat(page.headers()).containsExactly("Allocator", "Status", "Validity", "Peak native RSS", "Peak RSS",
                "Req/s", "p99", "Errors", "Gate");
        SummaryRow system = SummaryRow.of(CiFixture.result().runs().get(0), true);
        assertThat(page.rows()).containsExactly(
                List.of("system #1", "ok", "-", system.peakNative(), system.peakRss(), "24,812",
                        system.p99(), system.errors(), "FAIL (1 of 1)"),
                List.of("jemalloc #1", "skipped", "-", "-", "-", "-", "-", "-", "no checks"),
                List.of("mimalloc #1", "failed", "-", "-", "-", "-", "-", "-", "not judged"),
                page.rows().get(3),
                List.of("tcmalloc #2", "ok", "invalid", "-", "-", "-", "-", "-", "pass (1)"));
        assertThat(page.rows().get(3)).startsWith("tcmalloc #1", "ok", "-").endsWith("31,006", "14.0 ms",
                "3 (0.00%)", "pass (1)");
        assertThat(page.gate()).isEqualTo("Gate: 1 of 2 checks failed; 1 could not be judged (invalid runs).");
    }

    @Test
    void saysWhenNoGateRuleWasConfigured() {
        SitePage page = SitePage.of(ResultFixture.result());

        assertThat(page.gate()).isEqualTo("No gate checks: no limit or baseline was configured.");
        assertThat(page.rows()).extracting(r -> r.get(8)).containsOnly("no checks");
    }
}
