package io.github.allocbench.result;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Figures derived from one run's memory samples, in KiB. These are what allocators are compared on: the peak, the
 * typical level under load, and how much of the growth the allocator gave back to the operating system after the
 * load stopped — where glibc's arenas, jemalloc's decay and mimalloc's lazy purging differ most.
 *
 * @param peakRssKb       the highest resident set size seen (0 without samples)
 * @param peakVszKb       the highest virtual size seen (0 without samples)
 * @param idleRssKb       RSS at the end of the idle phase, before any load (the first sample without one)
 * @param medianLoadRssKb median RSS over the load phase (0 without load samples)
 * @param retainedRssKb   RSS at the end of the run minus {@code idleRssKb}: what the load left behind
 * @param returnedPercent share of the load's growth given back by the end of the run, or {@code null} when RSS did
 *                        not grow
 * @param peakPssKb       the highest proportional set size read, or {@code null} when none was read
 * @param outsideNmtKb    median over the load phase of RSS minus NMT's committed total, or {@code null} without NMT;
 *                        negative when NMT counts committed pages that were never touched
 * @param phases          peak, median and last RSS per phase label, for the phases that have samples
 */
public record RunSummary(long peakRssKb, long peakVszKb, long idleRssKb, long medianLoadRssKb, long retainedRssKb,
                         Double returnedPercent, Long peakPssKb, Long outsideNmtKb, Map<String, PhaseStats> phases) {

    public RunSummary {
        phases = phases == null ? Map.of() : Map.copyOf(phases);
    }

    /** The summary of the given samples, in time order. */
    public static RunSummary of(List<MemorySample> samples) {
        if (samples.isEmpty()) {
            return new RunSummary(0, 0, 0, 0, 0, null, null, null, Map.of());
        }
        long peakRss = max(samples, MemorySample::rssKb);
        long peakVsz = max(samples, MemorySample::vszKb);
        Map<String, PhaseStats> phases = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            List<MemorySample> in = samples.stream().filter(s -> s.phase() == phase).toList();
            if (!in.isEmpty()) {
                phases.put(phase.label(), new PhaseStats(max(in, MemorySample::rssKb),
                        median(in.stream().map(MemorySample::rssKb).toList()), in.get(in.size() - 1).rssKb()));
            }
        }
        PhaseStats idle = phases.get(Phase.IDLE.label());
        long idleRss = idle != null ? idle.lastRssKb() : samples.get(0).rssKb();
        PhaseStats load = phases.get(Phase.LOAD.label());
        long medianLoad = load != null ? load.medianRssKb() : 0;
        long last = samples.get(samples.size() - 1).rssKb();
        long loadPeak = max(samples.stream().filter(s -> s.phase() == Phase.RAMP || s.phase() == Phase.LOAD)
                .toList(), MemorySample::rssKb);
        Double returned = loadPeak > idleRss
                ? 100.0 * (loadPeak - last) / (loadPeak - idleRss)
                : null;
        Long peakPss = samples.stream().map(MemorySample::pssKb).filter(p -> p != null)
                .max(Long::compare).orElse(null);
        List<Long> outside = new ArrayList<>();
        for (MemorySample s : samples) {
            if (s.phase() == Phase.LOAD && s.outsideNmtKb() != null) {
                outside.add(s.outsideNmtKb());
            }
        }
        return new RunSummary(peakRss, peakVsz, idleRss, medianLoad, last - idleRss, returned, peakPss,
                outside.isEmpty() ? null : median(outside), phases);
    }

    private static long max(List<MemorySample> samples, ToLongFunction<MemorySample> field) {
        return samples.stream().mapToLong(field).max().orElse(0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
