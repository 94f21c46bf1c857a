package io.github.allocbench.maven;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The forked JVMs get the plugin's jar and the dependencies they run, not the report and site stack. */
class ForkClasspathsTest {

    @TempDir
    Path dir;

    private Artifact artifact(String group, String id) {
        Artifact a = new DefaultArtifact(group, id, "1", "runtime", "jar", null, new DefaultArtifactHandler("jar"));
        a.setFile(new File(dir.toFile(), id + ".jar"));
        return a;
    }

    @Test
    void theGeneratorRunsJettyJacksonAndHdrHistogramButNotTheReportStack() {
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setPluginArtifact(artifact("io.github.allocbench", "allocator-maven-plugin"));
        plugin.setArtifacts(List.of(artifact("org.eclipse.jetty", "jetty-server"),
                artifact("org.eclipse.jetty.compression", "jetty-compression-common"),
                artifact("org.slf4j", "slf4j-api"), artifact("com.fasterxml.jackson.core", "jackson-databind"),
                artifact("org.hdrhistogram", "HdrHistogram"), artifact("org.freemarker", "freemarker"),
                artifact("org.apache.maven.doxia", "doxia-core"), artifact("org.apache.velocity", "velocity-engine-core"),
                artifact("org.eclipse.jettyx", "not-jetty")));

        assertThat(ForkClasspaths.generator(plugin)).extracting(p -> Path.of(p).getFileName().toString())
                .containsExactly("allocator-maven-plugin.jar", "jetty-server.jar", "jetty-compression-common.jar",
                        "slf4j-api.jar", "jackson-databind.jar", "HdrHistogram.jar");
    }
}
