package io.github.allocbench.fork;

import io.github.allocbench.units.ConfigurationException;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that decides the JVM options every forked server of a bench runs with: the user's {@code jvmArgs}
 * as given, then {@code -XX:NativeMemoryTracking=summary} unless the user turned NMT off or set it already, then
 * {@code -XX:+ExitOnOutOfMemoryError} unless the user chose what happens on OutOfMemoryError. NMT is what lets a run
 * split RSS into what the JVM tracks and what the allocator holds; the exit is what keeps a server that ran out of
 * heap from spinning in GC and ignoring SIGTERM (seen at {@code -Xmx512m}), so its run fails at once, in the phase it
 * died in.
 */
public final class JvmOptions {

    /** The NMT level added when the user set none: the categories without per-call-site detail. */
    public static final String NMT_SUMMARY = "-XX:NativeMemoryTracking=summary";
    /** The OutOfMemoryError policy added when the user set none. */
    public static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";

    private static final String NMT_PREFIX = "-XX:NativeMemoryTracking=";
    private static final List<String> OOM_OPTIONS = List.of("-XX:+ExitOnOutOfMemoryError",
            "-XX:-ExitOnOutOfMemoryError", "-XX:+CrashOnOutOfMemoryError", "-XX:-CrashOnOutOfMemoryError");
    private static final String ON_OOM_PREFIX = "-XX:OnOutOfMemoryError=";

    private JvmOptions() {
    }

    /**
     * The options of every forked server of a bench.
     *
     * @param jvmArgs              the user's options, kept first and unchanged
     * @param nativeMemoryTracking whether to add NMT at {@code summary} when {@code jvmArgs} does not set it
     * @throws IllegalArgumentException when NMT is turned off but {@code jvmArgs} turns it on
     */
    public static List<String> compose(List<String> jvmArgs, boolean nativeMemoryTracking) {
        List<String> options = new ArrayList<>(jvmArgs);
        String nmt = jvmArgs.stream().filter(a -> a.startsWith(NMT_PREFIX)).reduce((a, b) -> b).orElse(null);
        if (!nativeMemoryTracking && nmt != null && !nmt.equals(NMT_PREFIX + "off")) {
            throw new ConfigurationException("nativeMemoryTracking is false, but jvmArgs has " + nmt + ". Remove "
                    + nmt + " from <jvmArgs> or set <nativeMemoryTracking> (-Dallocbench.nativeMemoryTracking) to"
                    + " true.");
        }
        if (nativeMemoryTracking && nmt == null) {
            options.add(NMT_SUMMARY);
        }
        boolean oomChosen = jvmArgs.stream().anyMatch(a -> OOM_OPTIONS.contains(a) || a.startsWith(ON_OOM_PREFIX));
        if (!oomChosen) {
            options.add(EXIT_ON_OOM);
        }
        return List.copyOf(options);
    }
}
