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
 * @param peakRssKb       the highest resident set size of the run: the highest sampled VmRSS, or the highest VmHWM
 *                        when the high-water mark rose during sampling above it (a spike between two samples);
 *                        0 without samples
 * @param peakVszKb       the highest virtual size seen (0 without samples)
 * @param idleRssKb       RSS at the end of the idle phase, before any load (the first sample without one)
 * @param medianLoadRssKb median RSS over the load phase (0 without load samples)
 * @param retainedRssKb   RSS at the end of the run minus {@code idleRssKb}: what the load left behind
 * @param returnedPercent share of the load's growth given back by the end of the run, or {@code null} when RSS did
 *                        not grow
 * @param peakPssKb       the highest proportional set size read, or {@code null} when none was read
 * @param outsideNmtKb    median over the load phase of RSS minus NMT's committed total, or {@code null} without NMT;
 *                        negative when NMT counts committed pages that were never touched
 * @param phases          peak, median and last RSS and the number of samples per phase label, for the phases that
 *                        have samples
 * @param peakRssSource   what set {@code peakRssKb}: {@code sampled} (a VmRSS reading) or {@code hwm} (VmHWM);
 *                        {@code null} without samples and in files written before it
 * @param samplerErrors   reads of {@code /proc} that failed while the process lived; sampling went on after each
 * @param samplerError    the last such failure, or {@code null} when none failed
 * @param longestSampleGapMs the longest time between two consecutive samples: the blind spot of the series
 * @param nmtError        why Native Memory Tracking figures are missing although NMT was asked for, as the server
 *                        last reported it; {@code null} when NMT worked or was off
 */
public record RunSummary(long peakRssKb, long peakVszKb, long idleRssKb, long medianLoadRssKb, long retainedRssKb,
                         Double returnedPercent, Long peakPssKb, Long outsideNmtKb, Map<String, PhaseStats> phases,
                         String peakRssSource, int samplerErrors, String samplerError, long longestSampleGapMs,
                         String nmtError) {

    /** {@code peakRssSource} when a VmRSS reading set the peak. */
    public static final String SAMPLED = "sampled";
    /** {@code peakRssSource} when the VmHWM high-water mark set the peak. */
    public static final String HWM = "hwm";

    public RunSummary {
        phases = phases == null ? Map.of() : Map.copyOf(phases);
    }

    /** A summary without the sampling-coverage fields of later versions. */
    public RunSummary(long peakRssKb, long peakVszKb, long idleRssKb, long medianLoadRssKb, long retainedRssKb,
                      Double returnedPercent, Long peakPssKb, Long outsideNmtKb, Map<String, PhaseStats> phases) {
        this(peakRssKb, peakVszKb, idleRssKb, medianLoadRssKb, retainedRssKb, returnedPercent, peakPssKb,
                outsideNmtKb, phases, null, 0, null, 0, null);
    }

    /** The summary of the given samples, in time order, taken without a failed read. */
    public static RunSummary of(List<MemorySample> samples) {
        return of(samples, 0, null);
    }

    /**
     * The summary of the given samples, in time order, recording the sampler's failed reads.
     *
     * @param samplerErrors reads that failed while the process lived
     * @param samplerError  the last such failure, or {@code null}
     */
    public static RunSummary of(List<MemorySample> samples, int samplerErrors, String samplerError) {
        if (samples.isEmpty()) {
            return new RunSummary(0, 0, 0, 0, 0, null, null, null, Map.of(), null, samplerErrors, samplerError, 0,
                    null);
        }
        long sampledPeak = max(samples, MemorySample::rssKb);
        // VmHWM is the peak since the process started; only a rise while sampling is a peak of this run that the
        // samples may have missed.
        long hwmPeak = max(samples, MemorySample::hwmKb);
        boolean hwmRose = hwmPeak > samples.get(0).hwmKb();
        long peakRss = hwmRose && hwmPeak > sampledPeak ? hwmPeak : sampledPeak;
        String peakSource = peakRss > sampledPeak ? HWM : SAMPLED;
        long peakVsz = max(samples, MemorySample::vszKb);
        Map<String, PhaseStats> phases = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            List<MemorySample> in = samples.stream().filter(s -> s.phase() == phase).toList();
            if (!in.isEmpty()) {
                phases.put(phase.label(), new PhaseStats(max(in, MemorySample::rssKb),
                        median(in.stream().map(MemorySample::rssKb).toList()), in.get(in.size() - 1).rssKb(),
                        in.size()));
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
        long longestGap = 0;
        for (int i = 1; i < samples.size(); i++) {
            longestGap = Math.max(longestGap, samples.get(i).tMs() - samples.get(i - 1).tMs());
        }
        return new RunSummary(peakRss, peakVsz, idleRss, medianLoad, last - idleRss, returned, peakPss,
                outside.isEmpty() ? null : median(outside), phases, peakSource, samplerErrors, samplerError,
                longestGap, lastNmtError(samples));
    }

    /** The NMT failure of the server's latest report that has one, or {@code null} when NMT never failed. */
    private static String lastNmtError(List<MemorySample> samples) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            JvmSnapshot jvm = samples.get(i).jvm();
            if (jvm != null && jvm.nmtError() != null) {
                return jvm.nmtError();
            }
        }
        return null;
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
