package io.github.allocbench.memory;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class NmtSummaryTest {

    @Test
    void parsesTheTotalAndEveryCategoryOfJdk17() throws IOException {
        NmtSummary nmt = NmtSummary.parse(Fixtures.text("nmt-summary-jdk17.txt")).orElseThrow();

        assertThat(nmt.committedKb()).isEqualTo(490_725);
        assertThat(nmt.mallocKb()).isEqualTo(13_837L);
        assertThat(nmt.categoriesKb()).hasSize(20)
                .contains(entry("Java Heap", 397_312L), entry("Class", 1_738L), entry("Thread", 802L),
                        entry("Code", 7_780L), entry("GC", 52_861L), entry("Internal", 227L), entry("Other", 10L),
                        entry("Native Memory Tracking", 1_133L), entry("Shared class space", 12_060L),
                        entry("Object Monitors", 1L));
        assertThat(nmt.categoriesKb().keySet()).startsWith("Java Heap", "Class", "Thread");
        // The categories add up to the total, but for each one's rounding to whole KB: none was skipped.
        assertThat(nmt.categoriesKb().values().stream().mapToLong(Long::longValue).sum())
                .isBetween(nmt.committedKb() - 20, nmt.committedKb() + 20);
    }

    @Test
    void parsesJdk25WhoseLinesCarryTagsAndExtraFields() throws IOException {
        NmtSummary nmt = NmtSummary.parse(Fixtures.text("nmt-summary-jdk25.txt")).orElseThrow();

        assertThat(nmt.committedKb()).isEqualTo(486_274);
        // "malloc: 18026KB #52668, peak=21052KB #52550": the total now, not its peak.
        assertThat(nmt.mallocKb()).isEqualTo(18_026L);
        assertThat(nmt.categoriesKb())
                .contains(entry("Java Heap", 393_216L), entry("Shared class space", 13_908L),
                        entry("Other", 34L), entry("Arena Chunk", 6_764L));
        assertThat(nmt.categoriesKb()).hasSize(20);
        assertThat(nmt.categoriesKb().values().stream().mapToLong(Long::longValue).sum())
                .isBetween(nmt.committedKb() - 20, nmt.committedKb() + 20);
    }

    @Test
    void theMallocTotalIsOnlyTheLineRightUnderTheTotal() throws IOException {
        String jdk17 = Fixtures.text("nmt-summary-jdk17.txt");
        String withoutMalloc = jdk17.replace("       malloc: 13837KB #71527\n", "");

        NmtSummary nmt = NmtSummary.parse(withoutMalloc).orElseThrow();

        // The categories' own "(malloc=266KB #5017)" lines are not the total.
        assertThat(withoutMalloc).contains("(malloc=266KB #5017)").doesNotContain("malloc: ");
        assertThat(nmt.mallocKb()).isNull();
        assertThat(nmt.committedKb()).isEqualTo(490_725);
        assertThat(NmtSummary.parse(jdk17.replace("\n", "\r\n")).orElseThrow().mallocKb()).isEqualTo(13_837L);
    }

    @Test
    void aJvmWithoutNmtHasNoSummary() throws IOException {
        assertThat(NmtSummary.parse(Fixtures.text("nmt-off.txt"))).isEmpty();
        assertThat(NmtSummary.parse("")).isEmpty();
    }
}
