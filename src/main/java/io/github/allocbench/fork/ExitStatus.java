package io.github.allocbench.fork;

import java.util.Map;

/**
 * Puts a forked server's exit code into words. The JDK reports a process ended by a signal as 128 + the signal's
 * number, so 137 means SIGKILL (the kernel's OOM killer, a container limit or a {@code kill -9}), which the user needs
 * to read as such rather than as a code the server chose.
 */
public final class ExitStatus {

    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 4, "SIGILL",
            6, "SIGABRT", 7, "SIGBUS", 9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    private ExitStatus() {
    }

    /** E.g. {@code exit code 3}, {@code exit code 137: killed by signal 9 (SIGKILL)}, {@code exit code unknown}. */
    public static String describe(Integer exitCode) {
        if (exitCode == null) {
            return "exit code unknown";
        }
        if (exitCode > 128 && exitCode < 128 + 65) {
            int signal = exitCode - 128;
            String name = SIGNALS.get(signal);
            return "exit code " + exitCode + ": killed by signal " + signal + (name == null ? "" : " (" + name + ")");
        }
        return "exit code " + exitCode;
    }
}
