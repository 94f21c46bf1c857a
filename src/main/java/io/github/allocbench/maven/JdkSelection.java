package io.github.allocbench.maven;

import io.github.allocbench.bench.JdkChoice;
import io.github.allocbench.units.ConfigurationException;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;
import org.apache.maven.toolchain.ToolchainPrivate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the {@code jvm}, {@code jdkToolchain} and {@code jdks} parameters into the JDKs the forked servers run on:
 * paths as given, toolchain requirements through Maven's {@link ToolchainManager} (the {@code jdk} toolchains of
 * toolchains.xml, as Surefire's {@code jdkToolchain} does). None of them set is Maven's own JVM.
 */
final class JdkSelection {

    private final ToolchainManager toolchains;
    private final MavenSession session;

    JdkSelection(ToolchainManager toolchains, MavenSession session) {
        this.toolchains = toolchains;
        this.session = session;
    }

    /**
     * The JDKs of the bench, in order; empty for Maven's own JVM.
     *
     * @throws ConfigurationException when the parameters are combined in a way that is ambiguous, a path holds no
     *                                {@code java}, or no toolchain meets a requirement, each with the fix
     */
    List<JdkChoice> select(String jvm, Map<String, String> jdkToolchain, List<JdkDefinition> jdks) {
        boolean single = jvm != null && !jvm.isBlank();
        boolean toolchain = jdkToolchain != null && !jdkToolchain.isEmpty();
        boolean list = jdks != null && !jdks.isEmpty();
        if (list && (single || toolchain)) {
            throw new ConfigurationException("both <jdks> and " + (single ? "<jvm>" : "<jdkToolchain>")
                    + " are set. Use <jdks> alone to bench on several JDKs (each <jdk> with a <jvm> or a <toolchain>),"
                    + " or <jvm> or <jdkToolchain> alone for one.");
        }
        if (single && toolchain) {
            throw new ConfigurationException("both <jvm> (" + jvm + ") and <jdkToolchain> are set. Set one: <jvm> "
                    + "for a path, <jdkToolchain> for a JDK of toolchains.xml.");
        }
        if (single) {
            return List.of(JdkChoice.ofPath("jvm", null, jvm));
        }
        if (toolchain) {
            return List.of(fromToolchain("jdkToolchain", null, jdkToolchain));
        }
        if (!list) {
            return List.of();
        }
        List<JdkChoice> chosen = new ArrayList<>();
        for (int i = 0; i < jdks.size(); i++) {
            JdkDefinition d = jdks.get(i);
            String parameter = "jdks[" + (i + 1) + "]";
            boolean path = d.jvm != null && !d.jvm.isBlank();
            boolean requirements = d.toolchain != null && !d.toolchain.isEmpty();
            if (path == requirements) {
                throw new ConfigurationException(parameter + (path ? " sets both <jvm> and <toolchain>" : " sets "
                        + "neither <jvm> nor <toolchain>") + ". Give each <jdk> one of them, e.g. "
                        + "<jdk><toolchain><version>25</version></toolchain></jdk> or "
                        + "<jdk><jvm>/usr/lib/jvm/temurin-25-jdk-amd64</jvm></jdk>.");
            }
            chosen.add(path ? JdkChoice.ofPath(parameter + " <jvm>", d.label, d.jvm)
                    : fromToolchain(parameter + " <toolchain>", d.label, d.toolchain));
        }
        return List.copyOf(chosen);
    }

    private JdkChoice fromToolchain(String parameter, String label, Map<String, String> requirements) {
        String wanted = describe(requirements);
        if (toolchains == null) {
            throw new ConfigurationException(parameter + " asks for a JDK toolchain (" + wanted + "), but Maven "
                    + "offers no toolchains here. Set <jvm> to the JDK's path instead.");
        }
        List<Toolchain> matching = toolchains.getToolchains(session, "jdk", requirements);
        if (matching.isEmpty()) {
            throw new ConfigurationException(parameter + " asks for a JDK toolchain with " + wanted + ", but "
                    + offered() + " Add a <toolchain><type>jdk</type><provides>...</provides><configuration>"
                    + "<jdkHome>...</jdkHome></configuration></toolchain> to ~/.m2/toolchains.xml (or pass a file "
                    + "with --global-toolchains / -t), change the requirements, or set <jvm> to the JDK's path.");
        }
        Toolchain found = matching.get(0);
        String java = found.findTool("java");
        if (java == null) {
            throw new ConfigurationException(parameter + " matched the toolchain " + found + ", but it has no "
                    + "bin/java. Fix its <jdkHome> in toolchains.xml.");
        }
        return JdkChoice.ofPath(parameter, label, Path.of(java).toString());
    }

    /** What toolchains.xml offers, as one sentence. */
    private String offered() {
        List<Toolchain> all = toolchains.getToolchains(session, "jdk", Map.of());
        if (all.isEmpty()) {
            return "toolchains.xml defines no jdk toolchain.";
        }
        return "toolchains.xml offers only " + all.stream().map(JdkSelection::describe)
                .collect(Collectors.joining("; ")) + ".";
    }

    private static String describe(Toolchain toolchain) {
        if (toolchain instanceof ToolchainPrivate p && p.getModel() != null && p.getModel().getProvides() != null) {
            return p.getModel().getProvides().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .sorted().collect(Collectors.joining(", ", "jdk {", "}"));
        }
        return toolchain.toString();
    }

    private static String describe(Map<String, String> requirements) {
        return requirements.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
