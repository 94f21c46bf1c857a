package io.github.allocbench.fork;

import io.github.allocbench.result.RunJdk;
import io.github.allocbench.units.ConfigurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks a {@code java} executable which JDK it is, by running it with {@code -XshowSettings:properties -version}: the
 * JVM's own {@code java.home}, {@code java.version} and {@code java.vendor}, so that a run records the Java it ran
 * on rather than what a configuration claimed. It also proves, before any server starts, that the JVM starts at all
 * and is new enough for the forked server.
 */
public final class JavaProbe {

    /** The oldest feature release the forked server's classes run on. */
    public static final int MINIMUM_FEATURE = 17;

    private static final long TIMEOUT_SECONDS = 60;

    private JavaProbe() {
    }

    /**
     * The JDK of {@code java}, without a label.
     *
     * @param source where the JDK was configured, for messages
     * @throws ConfigurationException when it cannot be run, does not say its version, or is older than Java 17
     */
    public static RunJdk probe(Path java, String source) throws InterruptedException {
        List<String> command = List.of(java.toString(), "-XshowSettings:properties", "-version");
        String output;
        int exit;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ConfigurationException(java + " (" + source + ") did not answer -version within "
                        + TIMEOUT_SECONDS + "s. Point to a working JDK.");
            }
            output = new String(bytes, StandardCharsets.UTF_8);
            exit = process.exitValue();
        } catch (IOException e) {
            throw new ConfigurationException("cannot run " + java + " (" + source + "): " + e.getMessage()
                    + ". Point to a JDK home or java executable of Java " + MINIMUM_FEATURE + " or newer.");
        }
        RunJdk jdk = parse(output);
        if (exit != 0 || jdk == null) {
            throw new ConfigurationException(java + " (" + source + ") did not report its version (exit code "
                    + exit + "): " + output.strip().lines().limit(5).reduce((a, b) -> a + " | " + b).orElse("")
                    + ". Point to a JDK home or java executable of Java " + MINIMUM_FEATURE + " or newer.");
        }
        if (feature(jdk) < MINIMUM_FEATURE) {
            throw new ConfigurationException(java + " (" + source + ") is Java " + jdk.version() + ", but the forked "
                    + "server needs Java " + MINIMUM_FEATURE + " or newer. Point to a newer JDK.");
        }
        return jdk;
    }

    /**
     * The JDK that {@code -XshowSettings:properties -version} printed, or {@code null} when the output lacks
     * {@code java.version} or {@code java.home}.
     */
    public static RunJdk parse(String output) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf(" = ");
            if (line.startsWith("    ") && eq > 0) {
                properties.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
            }
        }
        String version = properties.get("java.version");
        String home = properties.get("java.home");
        if (version == null || home == null) {
            return null;
        }
        return new RunJdk(null, home, version, properties.get("java.vendor"));
    }

    private static int feature(RunJdk jdk) {
        try {
            return Integer.parseInt(jdk.feature());
        } catch (NumberFormatException e) {
            return MINIMUM_FEATURE;
        }
    }
}
