package io.github.allocbench.child;

import io.github.allocbench.memory.HeapResidency;
import io.github.allocbench.memory.NmtSummary;
import io.github.allocbench.result.JvmSnapshot;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads the running JVM's view of its own memory, inside the forked server: heap and non-heap from the memory
 * MXBean, the {@code direct} and {@code mapped} buffer pools, GC count and time summed over the collectors, live
 * threads, and Native Memory Tracking's summary (committed total, malloc total and categories) through the
 * {@code vmNativeMemory} operation of the {@code DiagnosticCommand} MBean (the in-process form of
 * {@code jcmd VM.native_memory summary}, about 0.1 ms). Once
 * NMT answers that it is off, or the MBean is missing (a JVM other than HotSpot), it is not asked again: neither
 * changes while a JVM runs. When the JVM was started with NMT on, a failure is never taken for "off": it is reported
 * in the snapshot's {@code nmtError}, so that a missing NMT figure is explained rather than silent. The heap's
 * resident part ({@link HeapResidency}) is its committed size when the heap is fixed and pre-touched; otherwise it
 * is summed from {@code /proc/self/smaps}, which costs tens of milliseconds at gigabytes of RSS, so it is re-read
 * only as often as {@link #SMAPS_CPU_SHARE} allows and the last figure is reported in between.
 */
final class JvmTelemetry {

    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final boolean nmtAskedFor = nmtAskedFor();
    private volatile boolean nmtOff;
    private volatile String nmtError;
    /** The share of one core the smaps reads may take, as for the host's {@code smaps_rollup} reads. */
    private static final double SMAPS_CPU_SHARE = 0.005;
    private static final long SMAPS_MIN_PERIOD_NANOS = 1_000_000_000L;
    private final boolean heapPreTouched = heapPreTouched();
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private long nextSmapsNanos;
    private Long heapResidentKb;
    private String heapResidentSource;

    /** The JVM's memory now. */
    JvmSnapshot read() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        long direct = 0;
        long mapped = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            // "mapped - 'non-volatile memory'" (JDK 14+) is persistent memory mapped like a file: counted as mapped.
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            } else if (pool.getName().startsWith("mapped")) {
                mapped += pool.getMemoryUsed();
            }
        }
        long gcCount = 0;
        long gcTimeMs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            // -1 means "not available" for that collector; it must not lower the sum.
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTimeMs += Math.max(0, gc.getCollectionTime());
        }
        Optional<NmtSummary> nmt = nmt();
        return new JvmSnapshot(heap.getUsed() / 1024, heap.getCommitted() / 1024, nonHeap.getUsed() / 1024,
                nonHeap.getCommitted() / 1024, direct / 1024, mapped / 1024, gcCount, gcTimeMs,
                ManagementFactory.getThreadMXBean().getThreadCount(),
                nmt.map(NmtSummary::committedKb).orElse(null),
                nmt.map(NmtSummary::categoriesKb).orElse(Map.of()), nmt.isPresent() ? null : nmtError, null, null,
                nmt.map(NmtSummary::mallocKb).orElse(null))
                .withHeapResident(heapPreTouched ? Long.valueOf(heap.getCommitted() / 1024) : measuredHeapResident(),
                        heapPreTouched ? HeapResidency.COMMITTED : heapResidentSource);
    }

    /**
     * Asks this JVM to return the free memory of its C heap to the operating system ({@code System.trim_native_heap},
     * JDK 17.0.9, 21.0.1 and 22 on) and returns its one-line report, e.g. "Trim native heap: RSS+Swap: 250M->240M
     * (-10M)", or why it could not: "Not available" where the libc has no {@code malloc_trim}, or the failure.
     */
    static String trimNativeHeap() {
        try {
            Object said = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND),
                    "systemTrimNativeHeap", new Object[]{new String[0]}, new String[]{String[].class.getName()});
            String line = firstLine(String.valueOf(said)).strip();
            return line.isEmpty() ? "the JVM printed nothing for System.trim_native_heap" : line;
        } catch (JMException | RuntimeException e) {
            return "System.trim_native_heap could not be run (it exists from JDK 17.0.9, 21.0.1 and 22 on): " + e;
        }
    }

    /** The heap's resident pages from smaps, re-read when the CPU budget allows; {@code null} when unknown. */
    private Long measuredHeapResident() {
        long now = System.nanoTime();
        if (now < nextSmapsNanos) {
            return heapResidentKb;
        }
        long cpuStart = threadBean.getCurrentThreadCpuTime();
        try {
            String info = String.valueOf(server.invoke(new ObjectName(DIAGNOSTIC_COMMAND), "gcHeapInfo",
                    new Object[]{new String[0]}, new String[]{String[].class.getName()}));
            List<HeapResidency.Range> ranges = HeapResidency.heapRanges(info);
            if (ranges.isEmpty()) {
                heapResidentKb = null;
                heapResidentSource = "unknown: GC.heap_info prints no heap address range for this collector";
            } else {
                heapResidentKb = HeapResidency.residentKb(Files.readString(Path.of("/proc/self/smaps")), ranges);
                heapResidentSource = HeapResidency.SMAPS;
            }
        } catch (JMException | IOException | RuntimeException e) {
            heapResidentKb = null;
            heapResidentSource = "unknown: the heap's resident pages could not be read: " + e;
        }
        long cost = threadBean.getCurrentThreadCpuTime() - cpuStart;
        nextSmapsNanos = now + Math.max(SMAPS_MIN_PERIOD_NANOS, (long) (cost / SMAPS_CPU_SHARE));
        return heapResidentKb;
    }

    /** Whether this JVM's heap is fixed in size and was touched at start-up. */
    private static boolean heapPreTouched() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot != null && HeapResidency.preTouched(
                    Boolean.parseBoolean(hotspot.getVMOption("AlwaysPreTouch").getValue()),
                    Long.parseLong(hotspot.getVMOption("InitialHeapSize").getValue()),
                    Long.parseLong(hotspot.getVMOption("MaxHeapSize").getValue()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * NMT's summary, or empty when NMT is off or cannot be asked. When the JVM runs with NMT on and the summary
     * cannot be read, the reason is kept for the next snapshot and NMT is asked again next time.
     */
    Optional<NmtSummary> nmt() {
        if (nmtOff) {
            return Optional.empty();
        }
        Optional<NmtSummary> summary;
        try {
            Object text = server.invoke(new ObjectName(DIAGNOSTIC_COMMAND), "vmNativeMemory",
                    new Object[]{new String[]{"summary"}}, new String[]{String[].class.getName()});
            summary = NmtSummary.parse(String.valueOf(text));
            nmtError = summary.isEmpty() ? "NMT's summary was unreadable: " + firstLine(String.valueOf(text)) : null;
        } catch (JMException | RuntimeException e) {
            summary = Optional.empty();
            nmtError = "NMT's summary could not be asked for: " + e;
        }
        nmtOff = summary.isEmpty() && !nmtAskedFor;
        return summary;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** Whether this JVM was started with {@code -XX:NativeMemoryTracking} at summary or detail. */
    private static boolean nmtAskedFor() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot != null && !hotspot.getVMOption("NativeMemoryTracking").getValue().equals("off");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
