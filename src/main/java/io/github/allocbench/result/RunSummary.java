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
 * @param returnedPercent share of the load's growth given back by the end of the run, or {@code null} when RSS grew
 *                        by less than 1 % of the idle RSS under load
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
 * @param peakNativeRssKb the highest native RSS (RSS minus the Java heap's resident part, see
 *                        {@link MemorySample#nativeRssKb()}), or {@code null} when the server never reported its heap's
 *                        resident part (files written before it)
 * @param idleNativeRssKb native RSS at the end of the idle phase, or {@code null} as above
 * @param medianLoadNativeRssKb median native RSS over the load phase, or {@code null} as above
 * @param retainedNativeRssKb native RSS at the end of the run minus {@code idleNativeRssKb}, or {@code null}
 * @param heapResidentSource how the heap's resident part was found: {@code committed} (fixed, pre-touched heap) or
 *                        {@code smaps} (its resident pages summed), or why it is unknown; {@code null} as above
 * @param afterLoad       native RSS at +100 ms, +1 s, +5 s and at the end of the cooldown, for the moments the
 *                        cooldown reached
 */
public record RunSummary(long peakRssKb, long peakVszKb, long idleRssKb, long medianLoadRssKb, long retainedRssKb,
                         Double returnedPercent, Long peakPssKb, Long outsideNmtKb, Map<String, PhaseStats> phases,
                         String peakRssSource, int samplerErrors, String samplerError, long longestSampleGapMs,
                         String nmtError, Long peakNativeRssKb, Long idleNativeRssKb, Long medianLoadNativeRssKb,
                         Long retainedNativeRssKb, String heapResidentSource, List<AfterLoad> afterLoad) {

    /** {@code peakRssSource} when a VmRSS reading set the peak. */
    public static final String SAMPLED = "sampled";
    /** {@code peakRssSource} when the VmHWM high-water mark set the peak. */
    public static final String HWM = "hwm";

    /** The moments after the load whose native RSS is recorded, in ms after the last sample of the window. */
    public static final List<Long> AFTER_LOAD_MS = List.of(100L, 1_000L, 5_000L);
    /**
     * The least growth under load, as a share of the idle RSS, of which {@code returnedPercent} is given: a share of
     * a growth smaller than RSS moves by itself would print noise as hundreds of percent.
     */
    static final double MIN_GROWTH_SHARE = 0.01;
    /** {@link AfterLoad#afterMs()} of the cooldown's last sample. */
    public static final long END_OF_COOLDOWN = -1;

    public RunSummary {
        phases = phases == null ? Map.of() : Map.copyOf(phases);
        afterLoad = afterLoad == null ? List.of() : List.copyOf(afterLoad);
    }

    /** A summary without the native figures of later versions. */
    public RunSummary(long peakRssKb, long peakVszKb, long idleRssKb, long medianLoadRssKb, long retainedRssKb,
                      Double returnedPercent, Long peakPssKb, Long outsideNmtKb, Map<String, PhaseStats> phases,
                      String peakRssSource, int samplerErrors, String samplerError, long longestSampleGapMs,
                      String nmtError) {
        this(peakRssKb, peakVszKb, idleRssKb, medianLoadRssKb, retainedRssKb, returnedPercent, peakPssKb,
                outsideNmtKb, phases, peakRssSource, samplerErrors, samplerError, longestSampleGapMs, nmtError, null,
                null, null, null, null, List.of());
    }

    /** A summary without the sampling-coverage fields of later versions. */
    public RunSummary(long peakRssKb, long peakVszKb, long idleRssKb, long medianLoadRssKb, long retainedRssKb,
                      Double returnedPercent, Long peakPssKb, Long outsideNmtKb, Map<String, PhaseStats> phases) {
        this(peakRssKb, peakVszKb, idleRssKb, medianLoadRssKb, retainedRssKb, returnedPercent, peakPssKb,
                outsideNmtKb, phases, null, 0, null, 0, null, null, null, null, null, null, List.of());
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
                    null, null, null, null, null, null, List.of());
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
        Double returned = loadPeak > idleRss && loadPeak - idleRss >= idleRss * MIN_GROWTH_SHARE
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
        List<MemorySample> nativeSamples = samples.stream().filter(s -> s.nativeRssKb() != null).toList();
        Long peakNative = null;
        Long idleNative = null;
        Long medianLoadNative = null;
        Long retainedNative = null;
        if (!nativeSamples.isEmpty()) {
            peakNative = nativeSamples.stream().mapToLong(MemorySample::nativeRssKb).max().orElseThrow();
            List<MemorySample> idleNatives = nativeSamples.stream().filter(s -> s.phase() == Phase.IDLE).toList();
            idleNative = (idleNatives.isEmpty() ? nativeSamples.get(0)
                    : idleNatives.get(idleNatives.size() - 1)).nativeRssKb();
            List<Long> loadNatives = nativeSamples.stream().filter(s -> s.phase() == Phase.LOAD)
                    .map(MemorySample::nativeRssKb).toList();
            medianLoadNative = loadNatives.isEmpty() ? null : median(loadNatives);
            retainedNative = nativeSamples.get(nativeSamples.size() - 1).nativeRssKb() - idleNative;
        }
        return new RunSummary(peakRss, peakVsz, idleRss, medianLoad, last - idleRss, returned, peakPss,
                outside.isEmpty() ? null : median(outside), phases, peakSource, samplerErrors, samplerError,
                longestGap, lastNmtError(samples), peakNative, idleNative, medianLoadNative, retainedNative,
                lastHeapResidentSource(samples), afterLoad(samples));
    }

    /** Native RSS at the moments of {@link #AFTER_LOAD_MS} that the cooldown reached, and at its end. */
    static List<AfterLoad> afterLoad(List<MemorySample> samples) {
        MemorySample lastLoad = null;
        for (MemorySample s : samples) {
            if (s.phase() == Phase.LOAD) {
                lastLoad = s;
            }
        }
        if (lastLoad == null) {
            return List.of();
        }
        long stop = lastLoad.tMs();
        List<MemorySample> cooldown = samples.stream()
                .filter(s -> s.phase() == Phase.COOLDOWN && s.nativeRssKb() != null).toList();
        List<AfterLoad> points = new ArrayList<>();
        for (long after : AFTER_LOAD_MS) {
            cooldown.stream().filter(s -> s.tMs() - stop >= after).findFirst()
                    .ifPresent(s -> points.add(new AfterLoad(after, s.tMs() - stop, s.nativeRssKb())));
        }
        if (!cooldown.isEmpty()) {
            MemorySample end = cooldown.get(cooldown.size() - 1);
            points.add(new AfterLoad(END_OF_COOLDOWN, end.tMs() - stop, end.nativeRssKb()));
        }
        return points;
    }

    /** How the server's latest report found its heap's resident part, or {@code null} when none said. */
    private static String lastHeapResidentSource(List<MemorySample> samples) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            JvmSnapshot jvm = samples.get(i).jvm();
            if (jvm != null && jvm.heapResidentSource() != null) {
                return jvm.heapResidentSource();
            }
        }
        return null;
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
