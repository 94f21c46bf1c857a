package io.github.allocbench.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of the Java heap is resident, the part of RSS that no allocator touches. With a fixed, pre-touched heap
 * ({@code -Xms} = {@code -Xmx} and {@code -XX:+AlwaysPreTouch}, the default) every committed page was touched at
 * start-up, so the heap's resident part is its committed size ({@link #COMMITTED}). Otherwise the heap grows and its
 * pages become resident only when touched, so its resident part is measured ({@link #SMAPS}): the heap's address
 * ranges from the {@code GC.heap_info} diagnostic command (G1, serial and parallel print them as
 * {@code [0x..., 0x...)}), and the {@code Rss:} of every {@code /proc/self/smaps} mapping inside them.
 */
public final class HeapResidency {

    /** The heap was pre-touched at a fixed size: its resident part is its committed size. */
    public static final String COMMITTED = "committed";
    /** The heap's resident pages were summed from {@code smaps} over the heap's address ranges. */
    public static final String SMAPS = "smaps";

    /** An address range of the heap, end exclusive. */
    public record Range(long start, long end) {
        boolean overlaps(long from, long to) {
            return from < end && start < to;
        }
    }

    // A heap line ends with its address range. The top-level ones are the least indented (one leading space on
    // JDK 17, none on JDK 25); the spaces inside a generation are indented further.
    private static final Pattern HEAP_LINE = Pattern.compile("^( *)\\S.*\\[0x([0-9a-f]+),.*?0x([0-9a-f]+)\\)",
            Pattern.MULTILINE);
    private static final Pattern MAPPING = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) ");
    private static final Pattern RSS = Pattern.compile("^Rss:\\s+(\\d+) kB");

    private HeapResidency() {
    }

    /** Whether the heap's resident part is its committed size: a fixed heap, touched at start-up. */
    public static boolean preTouched(boolean alwaysPreTouch, long initialHeapBytes, long maxHeapBytes) {
        return alwaysPreTouch && initialHeapBytes == maxHeapBytes;
    }

    /** The heap's address ranges in {@code GC.heap_info}'s output; empty for a collector that prints none (ZGC). */
    public static List<Range> heapRanges(String heapInfo) {
        List<Range> ranges = new ArrayList<>();
        int topIndent = Integer.MAX_VALUE;
        Matcher m = HEAP_LINE.matcher(heapInfo);
        while (m.find()) {
            int indent = m.group(1).length();
            if (indent < topIndent) {
                ranges.clear();
                topIndent = indent;
            }
            if (indent == topIndent) {
                ranges.add(new Range(Long.parseUnsignedLong(m.group(2), 16), Long.parseUnsignedLong(m.group(3), 16)));
            }
        }
        return ranges;
    }

    /** The resident KiB of the {@code smaps} mappings that lie in {@code ranges}. */
    public static long residentKb(String smaps, List<Range> ranges) {
        long total = 0;
        boolean inHeap = false;
        for (String line : smaps.split("\n")) {
            Matcher mapping = MAPPING.matcher(line);
            if (mapping.find()) {
                long from = Long.parseUnsignedLong(mapping.group(1), 16);
                long to = Long.parseUnsignedLong(mapping.group(2), 16);
                inHeap = ranges.stream().anyMatch(r -> r.overlaps(from, to));
                continue;
            }
            Matcher rss = RSS.matcher(line);
            if (inHeap && rss.find()) {
                total += Long.parseLong(rss.group(1));
            }
        }
        return total;
    }
}
