package io.github.allocbench.bench;

import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.fork.JavaProbe;
import io.github.allocbench.result.RunJdk;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.units.ConfigurationException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JDK of the bench, ready to run servers: its {@code java} and what its JVM said it is. On several JDKs each carries
 * a label, the configured one or {@code jdk<feature>} ({@code jdk25}), which its runs' variants end with.
 *
 * @param java the {@code java} executable the servers run
 * @param jdk  what the JVM reported, with the label of a bench on several JDKs
 */
record BenchJdk(Path java, RunJdk jdk) {

    /**
     * The JDKs of {@code choices}, each probed by running it, before any server starts; Maven's own JVM when there
     * are none.
     *
     * @throws ConfigurationException when a JDK does not run or is too old, or two JDKs carry the same label
     */
    static List<BenchJdk> probe(List<JdkChoice> choices) throws InterruptedException {
        if (choices.isEmpty()) {
            return List.of(new BenchJdk(ForkCommand.runningJava(), new RunJdk(null, System.getProperty("java.home"),
                    System.getProperty("java.version"), System.getProperty("java.vendor"))));
        }
        List<BenchJdk> jdks = new ArrayList<>();
        Map<String, JdkChoice> labels = new LinkedHashMap<>();
        for (JdkChoice choice : choices) {
            RunJdk probed = JavaProbe.probe(choice.java(), choice.source());
            if (choices.size() == 1) {
                jdks.add(new BenchJdk(choice.java(), probed));
                continue;
            }
            String label = choice.label() != null ? choice.label() : "jdk" + probed.feature();
            JdkChoice before = labels.putIfAbsent(label, choice);
            if (before != null) {
                throw new ConfigurationException("two JDKs of the bench are labelled " + label + ": " + before.source()
                        + " and " + choice.source() + ". Give each <jdk> its own <label>, e.g. <label>temurin"
                        + probed.feature() + "</label>, or bench each JDK once.");
            }
            jdks.add(new BenchJdk(choice.java(), probed.withLabel(label)));
        }
        return List.copyOf(jdks);
    }

    /** The variant of {@code allocator} on this JDK: {@code jemalloc}, or {@code jemalloc@jdk25} on several. */
    String variant(String allocator) {
        return RunResult.variantOf(allocator, jdk.label());
    }

    /** One line for the log: label, version, vendor and the executable. */
    String describe() {
        return (jdk.label() == null ? "" : jdk.label() + ": ") + jdk.version() + " (" + jdk.vendor() + ") at "
                + java;
    }
}
