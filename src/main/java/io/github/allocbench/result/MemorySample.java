package io.github.allocbench.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One reading of the forked server's memory: the operating system's view from {@code /proc/<pid>/status} (and
 * {@code smaps_rollup} where read), with the JVM's own view as last reported by the fork. Sizes in KiB.
 *
 * @param tMs            milliseconds since the server became ready (sampling starts then)
 * @param phase          the phase of the run the reading was taken in
 * @param rssKb          resident set size (VmRSS)
 * @param vszKb          virtual size (VmSize)
 * @param hwmKb          peak resident set size so far (VmHWM)
 * @param rssAnonKb      resident anonymous memory: heap, malloc arenas, thread stacks
 * @param rssFileKb      resident file-backed memory
 * @param rssShmemKb     resident shared memory
 * @param threads        the process's threads
 * @param pssKb          proportional set size from smaps_rollup, or {@code null} when not read this time
 * @param privateDirtyKb private dirty memory from smaps_rollup, or {@code null} when not read this time
 * @param jvm            the JVM's latest self-report, or {@code null} before the first one
 */
public record MemorySample(long tMs, Phase phase, long rssKb, long vszKb, long hwmKb, long rssAnonKb,
                           long rssFileKb, long rssShmemKb, int threads, Long pssKb, Long privateDirtyKb,
                           JvmSnapshot jvm) {

    /** NMT's category of the Java heap. */
    public static final String NMT_HEAP = "Java Heap";

    /** A reading with only RSS and VSZ, as the first version of the file had. */
    public MemorySample(long tMs, Phase phase, long rssKb, long vszKb) {
        this(tMs, phase, rssKb, vszKb, 0, 0, 0, 0, 0, null, null, null);
    }

    /**
     * RSS minus the Java heap's resident part: the native memory, the only part an allocator governs; {@code null}
     * when the server did not report its heap's resident part.
     */
    @JsonProperty("nativeRssKb")
    public Long nativeRssKb() {
        return jvm == null || jvm.heapResidentKb() == null ? null : rssKb - jvm.heapResidentKb();
    }

    /** RSS not accounted for by Native Memory Tracking: the allocator's own overhead and retained free memory. */
    public Long outsideNmtKb() {
        return jvm == null || jvm.nmtCommittedKb() == null ? null : rssKb - jvm.nmtCommittedKb();
    }

    /**
     * Native RSS that Native Memory Tracking does not see: native RSS minus NMT's committed total without the Java
     * heap — the allocator's metadata, fragmentation, caches and retained free memory. Unlike {@link #outsideNmtKb()}
     * it does not count the heap's committed but untouched pages, so it holds without {@code -XX:+AlwaysPreTouch}.
     * Falls back to {@link #outsideNmtKb()} when the heap's resident part is unknown; {@code null} without NMT.
     */
    public Long untrackedNativeKb() {
        Long nativeRss = nativeRssKb();
        if (nativeRss == null || jvm.nmtCommittedKb() == null) {
            return outsideNmtKb();
        }
        long heap = jvm.nmtCategoriesKb().getOrDefault(NMT_HEAP, jvm.heapCommittedKb());
        return nativeRss - (jvm.nmtCommittedKb() - heap);
    }

    /**
     * The part of RSS an allocator governs: what the JVM malloc'd (NMT's malloc total) plus what the allocator keeps
     * around it ({@link #untrackedNativeKb()}). The rest of native memory, the JVM's own mmaps (GC structures, code
     * cache, metaspace, thread stacks), is the same under any allocator. {@code null} when either figure is unknown.
     */
    @JsonProperty("allocatorGovernedKb")
    public Long allocatorGovernedKb() {
        Long untracked = untrackedNativeKb();
        return untracked == null || jvm.nmtMallocKb() == null ? null : jvm.nmtMallocKb() + untracked;
    }
}
