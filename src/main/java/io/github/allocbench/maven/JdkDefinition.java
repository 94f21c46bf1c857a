package io.github.allocbench.maven;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code <jdk>} of the {@code jdks} parameter: a JDK the forked servers run on, given as a path ({@code jvm}) or
 * as the requirements of a Maven toolchain ({@code toolchain}), with an optional label for its runs. Maven fills its
 * fields; {@link JdkSelection} resolves them.
 */
public class JdkDefinition {

    /** A JDK home or its {@code java} executable, e.g. {@code /usr/lib/jvm/temurin-25-jdk-amd64}. */
    String jvm;

    /** The requirements of a {@code jdk} toolchain of toolchains.xml, e.g. {@code <version>25</version>}. */
    Map<String, String> toolchain = new LinkedHashMap<>();

    /** How this JDK's runs are labelled ({@code jemalloc@<label>}); without it {@code jdk<feature>}, e.g. jdk25. */
    String label;
}
