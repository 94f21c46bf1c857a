package io.github.allocbench.units;

import java.util.BitSet;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of CPUs written as Linux writes it ({@code taskset -c}, {@code Cpus_allowed_list} of
 * {@code /proc/<pid>/status}): numbers and ranges separated by commas, {@code 0-1} or {@code 0,2,4-5}. Two lists are
 * equal when they name the same CPUs, however written; {@link #toString()} is the kernel's own form, so a list read
 * back from {@code /proc} compares with the one asked for.
 */
public final class CpuList {

    /** The highest CPU number accepted: the kernel's largest configurable count (8,192 CPUs) minus one. */
    public static final int MAX_CPU = 8_191;

    private static final Pattern ITEM = Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?");

    private final BitSet cpus;

    private CpuList(BitSet cpus) {
        this.cpus = cpus;
    }

    /**
     * The list written in {@code text}, or {@code null} when it is {@code null} or blank (not pinned).
     *
     * @param parameter the parameter the text came from, named in the error
     * @throws ConfigurationException naming the parameter, the value, what is wrong and the accepted form
     */
    public static CpuList parse(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        BitSet cpus = new BitSet();
        for (String item : text.split(",", -1)) {
            Matcher m = ITEM.matcher(item.strip());
            if (!m.matches()) {
                throw new ConfigurationException(parameter + " is '" + text + "', which is not a CPU list"
                        + (item.isBlank() ? " (it has an empty entry)" : " ('" + item.strip() + "' is neither a CPU "
                        + "number nor a range)") + ". Write CPU numbers and ranges separated by commas, as "
                        + "taskset -c takes them: 0-1 or 0,2,4-5.");
            }
            int first = Integer.parseInt(m.group(1));
            int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
            if (last < first) {
                throw new ConfigurationException(parameter + " is '" + text + "': its range " + item.strip()
                        + " runs backwards. Write the lower CPU first: " + last + "-" + first + ".");
            }
            if (last > MAX_CPU) {
                throw new ConfigurationException(parameter + " is '" + text + "': CPU " + last + " is above "
                        + MAX_CPU + ", the highest CPU number Linux supports. Name CPUs this machine has, e.g. 0-1.");
            }
            cpus.set(first, last + 1);
        }
        return new CpuList(cpus);
    }

    /** The CPUs this list and {@code other} both name; empty when they are disjoint. */
    public CpuList intersection(CpuList other) {
        BitSet both = (BitSet) cpus.clone();
        both.and(other.cpus);
        return new CpuList(both);
    }

    /** The CPUs of this list that {@code other} does not name. */
    public CpuList without(CpuList other) {
        BitSet rest = (BitSet) cpus.clone();
        rest.andNot(other.cpus);
        return new CpuList(rest);
    }

    /** Whether the list names no CPU. */
    public boolean isEmpty() {
        return cpus.isEmpty();
    }

    /** How many CPUs the list names. */
    public int size() {
        return cpus.cardinality();
    }

    /** The kernel's form: ascending, consecutive CPUs as a range, {@code 0-1,4}; empty for no CPU. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int first = cpus.nextSetBit(0); first >= 0; first = cpus.nextSetBit(first)) {
            int last = cpus.nextClearBit(first) - 1;
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(first);
            if (last > first) {
                text.append('-').append(last);
            }
            first = last + 1;
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuList other && cpus.equals(other.cpus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cpus);
    }
}
