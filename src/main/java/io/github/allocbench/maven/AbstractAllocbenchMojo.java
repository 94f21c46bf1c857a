package io.github.allocbench.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * What every goal of the plugin shares: the bench's output directory, which the {@code baseline} and {@code report}
 * goals read from, and the {@code allocbench.skip} switch, which skips them all alike and says so.
 */
public abstract class AbstractAllocbenchMojo extends AbstractMojo {

    /**
     * The bench's output directory: where it writes {@code index.html}, {@code results.json}, {@code samples.csv},
     * {@code summary.md} and the server logs, and where the {@code baseline} and {@code report} goals find them.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.outputDirectory", defaultValue = "${project.build.directory}/allocator-bench")
    File outputDirectory;

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the allocator " + goal() + " because allocbench.skip is true.");
            return;
        }
        run();
    }

    /** The goal's name in the skip message: {@code bench}, {@code baseline}, {@code report}. */
    abstract String goal();

    /** The goal's work, when it is not skipped. */
    abstract void run() throws MojoExecutionException, MojoFailureException;
}
