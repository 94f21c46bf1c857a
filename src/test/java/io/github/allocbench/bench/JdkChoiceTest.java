package io.github.allocbench.bench;

import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.units.ConfigurationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JDKs a bench is given, resolved and checked before any server starts. */
class JdkChoiceTest {

    @TempDir
    Path dir;

    private static final Path HOME = Path.of(System.getProperty("java.home"));

    @Test
    void aJdkHomeResolvesToItsJavaAndAJavaExecutableIsTakenAsItIs() {
        assertThat(JdkChoice.ofPath("jvm", null, HOME.toString()).java()).isEqualTo(ForkCommand.runningJava());
        assertThat(JdkChoice.ofPath("jvm", null, ForkCommand.runningJava().toString()).java())
                .isEqualTo(ForkCommand.runningJava());
    }

    @Test
    void aMissingPathIsRefusedWithTheFix() {
        assertThatThrownBy(() -> JdkChoice.ofPath("jvm", null, dir.resolve("no-jdk").toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jvm is " + dir.resolve("no-jdk"))
                .hasMessageContaining("there is no such file or directory")
                .hasMessageContaining("Set it to a JDK home (a directory with bin/java");
    }

    @Test
    void aDirectoryWithoutBinJavaIsRefused() {
        assertThatThrownBy(() -> JdkChoice.ofPath("jdks[2] <jvm>", null, dir.toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jdks[2] <jvm> is " + dir)
                .hasMessageContaining(dir.resolve("bin/java") + " does not exist");
    }

    @Test
    void aFileThatIsNotExecutableIsRefused() throws IOException {
        Path java = Files.writeString(dir.resolve("java"), "#!/bin/sh\n");
        assertThatThrownBy(() -> JdkChoice.ofPath("jvm", null, java.toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(java + " is not executable")
                .hasMessageContaining("chmod +x " + java);
    }

    @Test
    void aLabelMustBeUsableInFileNames() {
        assertThatThrownBy(() -> JdkChoice.ofPath("jdks[1] <jvm>", "jdk 25/x", HOME.toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("the JDK label 'jdk 25/x'")
                .hasMessageContaining("<label>jdk25</label>");
    }

    @Test
    void oneJdkCarriesNoLabelSoItsRunsKeepTheAllocatorsName() throws InterruptedException {
        List<BenchJdk> jdks = BenchJdk.probe(List.of(JdkChoice.ofPath("jvm", "mine", HOME.toString())));

        assertThat(jdks).singleElement().satisfies(j -> {
            assertThat(j.jdk().label()).isNull();
            assertThat(j.jdk().version()).isEqualTo(System.getProperty("java.version"));
            assertThat(j.variant("jemalloc")).isEqualTo("jemalloc");
        });
    }

    @Test
    void severalJdksAreLabelledByTheirFeatureReleaseUnlessTheConfigurationNamesThem() throws InterruptedException {
        String feature = System.getProperty("java.specification.version");
        List<BenchJdk> jdks = BenchJdk.probe(List.of(JdkChoice.ofPath("jdks[1] <jvm>", null, HOME.toString()),
                JdkChoice.ofPath("jdks[2] <jvm>", "again", HOME.toString())));

        assertThat(jdks).extracting(j -> j.jdk().label()).containsExactly("jdk" + feature, "again");
        assertThat(jdks.get(1).variant("jemalloc")).isEqualTo("jemalloc@again");
    }

    @Test
    void twoJdksWithTheSameLabelAreRefused() {
        assertThatThrownBy(() -> BenchJdk.probe(List.of(JdkChoice.ofPath("jdks[1] <jvm>", null, HOME.toString()),
                JdkChoice.ofPath("jdks[2] <jvm>", null, ForkCommand.runningJava().toString()))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("two JDKs of the bench are labelled jdk")
                .hasMessageContaining("Give each <jdk> its own <label>");
    }

    @Test
    void withoutJdksTheServersRunOnTheRunningJvm() throws InterruptedException {
        assertThat(BenchJdk.probe(List.of())).singleElement().satisfies(j -> {
            assertThat(j.java()).isEqualTo(ForkCommand.runningJava());
            assertThat(j.jdk().javaHome()).isEqualTo(HOME.toString());
            assertThat(j.jdk().label()).isNull();
        });
    }

    @Test
    void theDiskEstimateCountsEveryAllocatorOnEveryJdk() {
        BenchConfig one = BenchConfig.builder().build();
        BenchConfig two = BenchConfig.builder().jdks(List.of(JdkChoice.ofPath("jdks[1] <jvm>", null, HOME.toString()),
                JdkChoice.ofPath("jdks[2] <jvm>", "again", HOME.toString()))).build();
        long fixed = DiskSpace.FIXED_BYTES;

        assertThat(DiskSpace.estimate(two) - fixed).isEqualTo(2 * (DiskSpace.estimate(one) - fixed));
    }
}
