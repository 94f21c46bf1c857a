package io.github.allocbench.bench;

import io.github.allocbench.units.ConfigurationException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One JDK the forked servers run on: its {@code java} executable and, in a bench on several JDKs, the label its runs
 * carry. Built from what the user wrote (a JDK home or a {@code java} executable) or from a Maven toolchain; the
 * version it records is read from the JVM itself when the bench starts, never assumed from the configuration.
 *
 * @param label  the label of its runs ({@code jemalloc@jdk25}), or {@code null} to derive one from the JVM's version
 * @param java   the {@code java} executable
 * @param source where it came from, for messages: {@code jvm /opt/jdk}, {@code toolchain version=25}
 */
public record JdkChoice(String label, Path java, String source) {

    public JdkChoice {
        if (label != null && label.isBlank()) {
            label = null;
        }
        if (label != null && !label.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigurationException("the JDK label '" + label + "' (" + source + ") may hold letters, "
                    + "digits, '.', '_' and '-' only, because it names the runs and their log files; use e.g. "
                    + "<label>jdk25</label>.");
        }
    }

    /**
     * The JDK at {@code path}, either a JDK home or its {@code java} executable, checked to exist and be executable.
     *
     * @param parameter the parameter that named it, for the message: {@code jvm}, {@code jdks[2]}
     * @throws ConfigurationException when there is no executable {@code java} there, with the fix
     */
    public static JdkChoice ofPath(String parameter, String label, String path) {
        if (path == null || path.isBlank()) {
            throw new ConfigurationException(parameter + " names no path. Set it to a JDK home (e.g. "
                    + "/usr/lib/jvm/temurin-25-jdk-amd64) or to its bin/java.");
        }
        Path given = Path.of(path.trim()).toAbsolutePath().normalize();
        Path java = Files.isDirectory(given) ? given.resolve("bin").resolve("java") : given;
        if (!Files.isRegularFile(java)) {
            throw new ConfigurationException(parameter + " is " + path + ", but " + (Files.exists(given)
                    ? java + " does not exist" : "there is no such file or directory") + ". Set it to a JDK home "
                    + "(a directory with bin/java, e.g. /usr/lib/jvm/temurin-25-jdk-amd64) or to a java executable.");
        }
        if (!Files.isExecutable(java)) {
            throw new ConfigurationException(parameter + " is " + path + ", but " + java + " is not executable. "
                    + "Make it executable (chmod +x " + java + ") or point to another JDK.");
        }
        return new JdkChoice(label, java, parameter + " " + path.trim());
    }
}
