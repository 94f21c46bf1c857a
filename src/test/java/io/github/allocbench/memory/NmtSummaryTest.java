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
        assertThat(nmt.categoriesKb())
                .contains(entry("Java Heap", 393_216L), entry("Shared class space", 13_908L),
                        entry("Other", 34L), entry("Arena Chunk", 6_764L));
        assertThat(nmt.categoriesKb()).hasSize(20);
        assertThat(nmt.categoriesKb().values().stream().mapToLong(Long::longValue).sum())
                .isBetween(nmt.committedKb() - 20, nmt.committedKb() + 20);
    }

    @Test
    void aJvmWithoutNmtHasNoSummary() throws IOException {
        assertThat(NmtSummary.parse(Fixtures.text("nmt-off.txt"))).isEmpty();
        assertThat(NmtSummary.parse("")).isEmpty();
    }
}
