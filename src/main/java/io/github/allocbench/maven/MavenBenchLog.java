package io.github.allocbench.maven;

import io.github.allocbench.bench.BenchLog;

import org.apache.maven.plugin.logging.Log;

/** The bench's progress and checks on Maven's log, a failed check that fails the build at its error level. */
final class MavenBenchLog implements BenchLog {

    private final Log log;

    MavenBenchLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void error(String message) {
        log.error(message);
    }
}
