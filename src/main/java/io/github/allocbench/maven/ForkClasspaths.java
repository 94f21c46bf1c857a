package io.github.allocbench.maven;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The class paths of the two forked JVMs, from what Maven resolved for the project and the plugin. */
final class ForkClasspaths {

    private ForkClasspaths() {
    }

    /**
     * The project's compile and runtime class path (compile includes {@code provided} dependencies such as a
     * provided Jetty), followed by the plugin's own artifacts the project lacks, so the project's versions win.
     */
    static List<String> server(MavenProject project, PluginDescriptor plugin) throws MojoExecutionException {
        Set<String> entries = new LinkedHashSet<>();
        try {
            entries.addAll(project.getCompileClasspathElements());
            entries.addAll(project.getRuntimeClasspathElements());
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The project's dependencies are not resolved: " + e.getMessage(), e);
        }
        Set<String> projectKeys = new HashSet<>();
        for (Artifact a : project.getArtifacts()) {
            projectKeys.add(a.getGroupId() + ":" + a.getArtifactId());
        }
        for (Artifact a : plugin.getArtifacts()) {
            if (a.getFile() != null && !projectKeys.contains(a.getGroupId() + ":" + a.getArtifactId())) {
                entries.add(a.getFile().getAbsolutePath());
            }
        }
        if (plugin.getPluginArtifact() != null && plugin.getPluginArtifact().getFile() != null) {
            entries.add(plugin.getPluginArtifact().getFile().getAbsolutePath());
        }
        return new ArrayList<>(entries);
    }

    /** The plugin's own jar and dependencies, without the project's: what the load generator's JVM runs. */
    static List<String> generator(PluginDescriptor plugin) {
        List<String> entries = new ArrayList<>();
        if (plugin.getPluginArtifact() != null && plugin.getPluginArtifact().getFile() != null) {
            entries.add(plugin.getPluginArtifact().getFile().getAbsolutePath());
        }
        for (Artifact a : plugin.getArtifacts()) {
            if (a.getFile() != null && !entries.contains(a.getFile().getAbsolutePath())) {
                entries.add(a.getFile().getAbsolutePath());
            }
        }
        return entries;
    }
}
