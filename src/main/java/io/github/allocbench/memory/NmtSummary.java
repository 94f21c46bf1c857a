package io.github.allocbench.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Native Memory Tracking's summary as the {@code vmNativeMemory summary} diagnostic command prints it (the same text
 * as {@code jcmd <pid> VM.native_memory summary}): the committed total, the part of it the JVM malloc'd, and the
 * committed KiB of each category (Java Heap, Class, Thread, Code, GC, Internal, Other, ...). Only the {@code Total:}
 * line, the {@code malloc:} line right under it and the category lines that start with {@code -} are read, which
 * JDK 17 to 25 print alike (JDK 25 adds a peak after the malloc total); the indented detail lines differ between
 * versions and are skipped. NMT sees what the JVM allocates, not what the allocator keeps around it: RSS minus this
 * total is where allocators differ.
 *
 * @param committedKb  the committed total
 * @param categoriesKb committed KiB per category, in the order printed
 * @param mallocKb     what the JVM holds from malloc, all categories together ({@code malloc: 13837KB #71527}), or
 *                     {@code null} when the summary has no such line
 */
public record NmtSummary(long committedKb, Map<String, Long> categoriesKb, Long mallocKb) {

    private static final Pattern TOTAL = Pattern.compile(
            "^Total: reserved=(\\d+)KB, committed=(\\d+)KB[^\\n]*(?:\\R[ \\t]+malloc: (\\d+)KB)?", Pattern.MULTILINE);
    private static final Pattern CATEGORY = Pattern.compile(
            "^-\\s+(\\S.*?) \\(reserved=(\\d+)KB, committed=(\\d+)KB", Pattern.MULTILINE);

    public NmtSummary {
        categoriesKb = Collections.unmodifiableMap(new LinkedHashMap<>(categoriesKb));
    }

    /**
     * The summary in {@code text}; empty when it has no {@code Total:} line, as when NMT is off ("Native memory
     * tracking is not enabled") or the JVM does not know the command.
     */
    public static Optional<NmtSummary> parse(String text) {
        Matcher total = TOTAL.matcher(text);
        if (!total.find()) {
            return Optional.empty();
        }
        Map<String, Long> categories = new LinkedHashMap<>();
        Matcher category = CATEGORY.matcher(text);
        while (category.find()) {
            categories.put(category.group(1), Long.parseLong(category.group(3)));
        }
        String malloc = total.group(3);
        return Optional.of(new NmtSummary(Long.parseLong(total.group(2)), categories,
                malloc == null ? null : Long.valueOf(malloc)));
    }
}
