package io.github.allocbench.report;

import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.units.Median;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The native memory of each allocator's representative run, phase by phase: per phase with Native Memory Tracking's
 * figures, the medians of native RSS, NMT's malloc total, RSS outside NMT and their allocator-governed sum
 * ({@link MemorySample#allocatorGovernedKb()}), in MiB. Each column is the median of its own figure over the phase's
 * samples, so the columns need not add up.
 *
 * @param rows one per run and phase, runs in the bench's allocator order, phases in the order they ran
 */
public record NativePhaseTable(List<NativePhaseTable.Row> rows) {

    /** One phase of one run, its figures formatted by {@link Units#mib(long)} or {@link SummaryRow#NONE}. */
    public record Row(String name, String phase, String samples, String nativeRss, String nmtMalloc,
                      String outsideNmt, String allocatorGoverned) {
    }

    /**
     * The table of {@code runs}, or {@code null} when none of their samples carries NMT's figures.
     *
     * @param runs each allocator's representative run
     */
    static NativePhaseTable of(List<RunResult> runs, boolean showTrial) {
        List<Row> rows = new ArrayList<>();
        for (RunResult run : runs) {
            for (Phase phase : Phase.values()) {
                List<MemorySample> samples = run.samples().stream().filter(s -> s.phase() == phase
                        && s.jvm() != null && s.jvm().nmtCommittedKb() != null).toList();
                if (!samples.isEmpty()) {
                    rows.add(new Row(ReportView.name(run, showTrial), phase.label(), Units.count(samples.size()),
                            median(samples, MemorySample::nativeRssKb), median(samples, s -> s.jvm().nmtMallocKb()),
                            median(samples, MemorySample::untrackedNativeKb),
                            median(samples, MemorySample::allocatorGovernedKb)));
                }
            }
        }
        return rows.isEmpty() ? null : new NativePhaseTable(rows);
    }

    private static String median(List<MemorySample> samples, Function<MemorySample, Long> field) {
        List<Long> values = samples.stream().map(field).filter(Objects::nonNull).toList();
        return values.isEmpty() ? SummaryRow.NONE : Units.mib(Math.round(Median.of(values)));
    }
}
