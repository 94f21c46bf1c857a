package io.github.allocbench.bench;

import org.eclipse.jetty.util.Jetty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the facts about this machine that decide whether two bench results can be compared. */
public final class EnvironmentProbe {

    private EnvironmentProbe() {
    }

    /** The environment the forked servers run in: this machine and the JVM running the plugin. */
    public static BenchEnvironment current() {
        return new BenchEnvironment(
                System.getProperty("os.name"),
                firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")),
                System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                memTotalBytes(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                Jetty.VERSION);
    }

    private static String firstLine(Path file, String fallback) {
        try {
            return Files.readAllLines(file).get(0).trim();
        } catch (IOException | IndexOutOfBoundsException e) {
            return fallback;
        }
    }

    private static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
