package io.github.allocbench.fork;

import io.github.allocbench.result.RunJdk;
import io.github.allocbench.units.ConfigurationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a {@code java} says it is, read from the JVM itself. */
class JavaProbeTest {

    @TempDir
    Path dir;

    @Test
    void theRunningJavaReportsItsOwnHomeVersionAndVendor() throws InterruptedException {
        RunJdk jdk = JavaProbe.probe(ForkCommand.runningJava(), "jvm");

        assertThat(jdk.javaHome()).isEqualTo(System.getProperty("java.home"));
        assertThat(jdk.version()).isEqualTo(System.getProperty("java.version"));
        assertThat(jdk.vendor()).isEqualTo(System.getProperty("java.vendor"));
        assertThat(jdk.feature()).isEqualTo(System.getProperty("java.specification.version"));
        assertThat(jdk.label()).isNull();
    }

    @Test
    void propertiesAreReadFromTheSettingsListingOnly() {
        RunJdk jdk = JavaProbe.parse("""
                Property settings:
                    java.class.path =\s
                    java.home = /usr/lib/jvm/temurin-25-jdk-amd64
                    java.library.path = /usr/java/packages/lib
                        /usr/lib64
                    java.vendor = Eclipse Adoptium
                    java.version = 25.0.3
                    java.version.date = 2026-04-21

                openjdk version "25.0.3" 2026-04-21 LTS
                """);

        assertThat(jdk).isEqualTo(new RunJdk(null, "/usr/lib/jvm/temurin-25-jdk-amd64", "25.0.3",
                "Eclipse Adoptium"));
        assertThat(JavaProbe.parse("openjdk version \"25.0.3\"")).isNull();
    }

    @Test
    void theFeatureReleaseOfOldAndNewVersionStrings() {
        assertThat(new RunJdk(null, "/j", "1.8.0_402", null).feature()).isEqualTo("8");
        assertThat(new RunJdk(null, "/j", "17.0.15", null).feature()).isEqualTo("17");
        assertThat(new RunJdk(null, "/j", "26-ea", null).feature()).isEqualTo("26");
    }

    @Test
    void anExecutableThatIsNoJavaIsRefusedWithWhatItPrinted() throws IOException {
        Path fake = script("echo 'not a JVM'; exit 3");

        assertThatThrownBy(() -> JavaProbe.probe(fake, "jvm " + fake))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(fake + " (jvm " + fake + ") did not report its version (exit code 3): "
                        + "not a JVM")
                .hasMessageContaining("Point to a JDK home or java executable of Java 17 or newer.");
    }

    @Test
    void aJavaOlderThan17IsRefused() throws IOException {
        Path old = script("printf '    java.home = /opt/jdk11\\n    java.version = 11.0.22\\n' >&2");

        assertThatThrownBy(() -> JavaProbe.probe(old, "jdks[1] <jvm>"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is Java 11.0.22, but the forked server needs Java 17 or newer");
    }

    private Path script(String body) throws IOException {
        Path file = dir.resolve("java");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
