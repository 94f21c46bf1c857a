package io.github.allocbench.maven;

import io.github.allocbench.bench.JdkChoice;
import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.units.ConfigurationException;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code jvm}, {@code jdkToolchain} and {@code jdks} become the JDKs of a bench. */
class JdkSelectionTest {

    private static final String HOME = System.getProperty("java.home");

    /** A toolchains.xml with one JDK: Maven's own, providing version 17 and vendor maven. */
    private final List<Map<String, String>> asked = new ArrayList<>();
    private final ToolchainManager manager = new ToolchainManager() {
        @Override
        public Toolchain getToolchainFromBuildContext(String type, MavenSession context) {
            return null;
        }

        @Override
        public List<Toolchain> getToolchains(MavenSession session, String type, Map<String, String> requirements) {
            asked.add(requirements);
            boolean matches = requirements.entrySet().stream().allMatch(e -> OFFERED.get(e.getKey()) != null
                    && OFFERED.get(e.getKey()).equals(e.getValue()));
            return type.equals("jdk") && matches ? List.of(JDK) : List.of();
        }
    };

    private static final Map<String, String> OFFERED = Map.of("version", "17", "vendor", "maven");
    private static final Toolchain JDK = new Toolchain() {
        @Override
        public String getType() {
            return "jdk";
        }

        @Override
        public String findTool(String toolName) {
            return toolName.equals("java") ? ForkCommand.runningJava().toString() : null;
        }

        @Override
        public String toString() {
            return "JDK[" + HOME + "]";
        }
    };

    private final JdkSelection selection = new JdkSelection(manager, null);

    @Test
    void nothingSetIsMavensOwnJvm() {
        assertThat(selection.select(null, Map.of(), List.of())).isEmpty();
    }

    @Test
    void jvmIsAPath() {
        assertThat(selection.select(HOME, Map.of(), List.of())).extracting(JdkChoice::java)
                .containsExactly(ForkCommand.runningJava());
    }

    @Test
    void jdkToolchainResolvesThroughMavensToolchainsToTheirJava() {
        List<JdkChoice> chosen = selection.select(null, Map.of("version", "17"), List.of());

        assertThat(asked).containsExactly(Map.of("version", "17"));
        assertThat(chosen).extracting(JdkChoice::java).containsExactly(ForkCommand.runningJava());
    }

    @Test
    void aToolchainThatIsNotThereIsRefusedNamingWhatToolchainsXmlOffersAndHowToAddOne() {
        assertThatThrownBy(() -> selection.select(null, Map.of("version", "25"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jdkToolchain asks for a JDK toolchain with version=25, but toolchains.xml "
                        + "offers only JDK[" + HOME + "].")
                .hasMessageContaining("to ~/.m2/toolchains.xml (or pass a file with --global-toolchains / -t)");
    }

    @Test
    void withoutToolchainsAtAllTheMessageSaysSo() {
        ToolchainManager none = new ToolchainManager() {
            @Override
            public Toolchain getToolchainFromBuildContext(String type, MavenSession context) {
                return null;
            }

            @Override
            public List<Toolchain> getToolchains(MavenSession session, String type, Map<String, String> r) {
                return List.of();
            }
        };
        assertThatThrownBy(() -> new JdkSelection(none, null).select(null, Map.of("version", "25"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("but toolchains.xml defines no jdk toolchain.");
    }

    @Test
    void theListTakesPathsAndToolchainsWithTheirLabels() {
        List<JdkChoice> chosen = selection.select(null, Map.of(), List.of(
                jdk(null, Map.of("version", "17", "vendor", "maven"), null), jdk(HOME, Map.of(), "mine")));

        assertThat(chosen).extracting(JdkChoice::label).containsExactly(null, "mine");
        assertThat(chosen.get(0).source()).startsWith("jdks[1] <toolchain>");
        assertThat(chosen.get(1).java()).isEqualTo(Path.of(HOME, "bin", "java"));
    }

    @Test
    void anEntryNeedsExactlyOneOfPathAndToolchain() {
        assertThatThrownBy(() -> selection.select(null, Map.of(), List.of(jdk(HOME, Map.of(), null),
                jdk(null, Map.of(), null))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jdks[2] sets neither <jvm> nor <toolchain>.");
        assertThatThrownBy(() -> selection.select(null, Map.of(), List.of(jdk(HOME, Map.of("version", "17"), null))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jdks[1] sets both <jvm> and <toolchain>.");
    }

    @Test
    void theListAndTheSingleFormsAreNotCombined() {
        assertThatThrownBy(() -> selection.select(HOME, Map.of(), List.of(jdk(HOME, Map.of(), null))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("both <jdks> and <jvm> are set.");
        assertThatThrownBy(() -> selection.select(HOME, Map.of("version", "17"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("both <jvm> (" + HOME + ") and <jdkToolchain> are set.");
    }

    private static JdkDefinition jdk(String jvm, Map<String, String> toolchain, String label) {
        JdkDefinition d = new JdkDefinition();
        d.jvm = jvm;
        d.toolchain = toolchain;
        d.label = label;
        return d;
    }
}
