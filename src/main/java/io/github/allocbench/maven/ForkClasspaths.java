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

/**
 * The class paths of the two forked JVMs, from what Maven resolved for the project and the plugin. Of the plugin's
 * own dependencies only what the children run goes on them (Jetty, its SLF4J API, Jackson, HdrHistogram): the
 * report and site stack (Freemarker, Doxia, Velocity, ...) stays in Maven, so the server measured loads nothing more
 * than the project brings and the children need.
 */
final class ForkClasspaths {

    /** Group ids, or their prefixes ending in a dot, of the plugin dependencies that the forked JVMs run. */
    private static final List<String> CHILD_GROUPS = List.of("org.eclipse.jetty", "org.eclipse.jetty.",
            "org.slf4j", "com.fasterxml.jackson.", "org.hdrhistogram");

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
            if (childRuns(a) && !projectKeys.contains(a.getGroupId() + ":" + a.getArtifactId())) {
                entries.add(a.getFile().getAbsolutePath());
            }
        }
        if (plugin.getPluginArtifact() != null && plugin.getPluginArtifact().getFile() != null) {
            entries.add(plugin.getPluginArtifact().getFile().getAbsolutePath());
        }
        return new ArrayList<>(entries);
    }

    /** The plugin's own jar and the dependencies it runs, without the project's: what the load generator's JVM runs. */
    static List<String> generator(PluginDescriptor plugin) {
        List<String> entries = new ArrayList<>();
        if (plugin.getPluginArtifact() != null && plugin.getPluginArtifact().getFile() != null) {
            entries.add(plugin.getPluginArtifact().getFile().getAbsolutePath());
        }
        for (Artifact a : plugin.getArtifacts()) {
            if (childRuns(a) && !entries.contains(a.getFile().getAbsolutePath())) {
                entries.add(a.getFile().getAbsolutePath());
            }
        }
        return entries;
    }

    /** Whether {@code artifact} is a resolved plugin dependency that the forked JVMs run. */
    static boolean childRuns(Artifact artifact) {
        String group = artifact.getGroupId();
        return artifact.getFile() != null && CHILD_GROUPS.stream()
                .anyMatch(g -> g.endsWith(".") ? group.startsWith(g) : group.equals(g));
    }
}
