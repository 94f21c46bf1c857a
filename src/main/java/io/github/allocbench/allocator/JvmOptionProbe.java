package io.github.allocbench.allocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks a JVM whether it accepts some options, by running {@code java <options> -version} and reading its exit code:
 * an allocator profile that needs an option (e.g. {@code -XX:TrimNativeHeapInterval}) is then skipped with a reason
 * instead of failing to start. Running it is the only reliable test: the HotSpotDiagnosticMXBean does not list
 * experimental options until they are unlocked, and the options of JDK updates differ.
 */
@FunctionalInterface
public interface JvmOptionProbe {

    /**
     * Why the JVM refuses {@code options}, or empty when it accepts them.
     *
     * @param options JVM options, e.g. {@code -XX:+UnlockExperimentalVMOptions},
     *                {@code -XX:TrimNativeHeapInterval=1000}
     */
    Optional<String> rejection(List<String> options);

    /** A probe that runs {@code java} (at most 30 seconds per question). */
    static JvmOptionProbe of(Path java) {
        return options -> {
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(options);
            command.add("-version");
            Path output = null;
            try {
                // A file, not a pipe: reading a pipe would block past the timeout on a JVM that hangs.
                output = Files.createTempFile("allocbench-jvm-probe", ".txt");
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Optional.of(java + " did not answer -version within 30 seconds");
                }
                if (process.exitValue() == 0) {
                    return Optional.empty();
                }
                String first = Files.readString(output).lines().findFirst().orElse("no output");
                return Optional.of(java + " exits with code " + process.exitValue() + ": " + first);
            } catch (IOException e) {
                return Optional.of("cannot run " + java + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while asking " + java);
            } finally {
                if (output != null) {
                    try {
                        Files.deleteIfExists(output);
                    } catch (IOException ignored) {
                        // A leftover temp file of a few bytes is not worth failing the bench for.
                    }
                }
            }
        };
    }
}
