package io.github.allocbench.result;


import java.util.List;

/**
 * The outcome of one allocator in one trial, in the shape {@code results.json} writes it. Built with {@link #builder}
 * and changed with {@link #toBuilder()}, so that code meaning to set or change one field cannot drop another.
 *
 * @param allocator       the allocator's name
 * @param trial           the trial number, from 1
 * @param status          how the run ended
 * @param library         the preloaded library, or {@code null} for none
 * @param preloadVerified whether the library was found in the server's {@code /proc/<pid>/maps}
 * @param pid             the forked server's process id, or {@code null} when none started
 * @param exitCode        the server's exit code when it died on its own, else {@code null}
 * @param failure         why the run failed or was skipped (with the fix), else {@code null}
 * @param logFile         the server's stdout/stderr log, relative to the output directory, or {@code null}
 * @param samples         memory readings in time order
 * @param load            what the load generator did, or {@code null} when no load ran
 * @param summary         figures derived from the samples
 * @param failedPhase     the phase the server died in when it died during the run, else {@code null}
 * @param validity        whether the run measured what it claims, or {@code null} when it was not judged (a run
 *                        that did not complete, or a file written before validity existed)
 * @param trim            what a trim of glibc's heap after the cooldown gave back, or {@code null} when none was made
 *                        (an allocator other than glibc's, {@code trimAtEnd=false}, or a run that did not complete)
 * @param jdk             the JDK the server ran on, as its JVM reported it, or {@code null} in files written before
 *                        it was recorded
 * @param cpus            the CPUs the server and the load generator were allowed to run on, read after each started,
 *                        or {@code null} when no server started or in files written before it was recorded
 * @param cooldownShared  whether the next run's server started, and its load generator warmed it up, while this run's
 *                        cooldown was sampled ({@code startNextDuringCooldown}); {@code null} when the run had no
 *                        cooldown or in files written before it was recorded
 */
public record RunResult(String allocator, int trial, RunStatus status, String library, boolean preloadVerified,
                        Long pid, Integer exitCode, String failure, String logFile, List<MemorySample> samples,
                        LoadResult load, RunSummary summary, Phase failedPhase, Validity validity, NativeTrim trim,
                        RunJdk jdk, RunCpus cpus, Boolean cooldownShared) {

    /** What separates the allocator from the JDK's label in a {@link #variant()}. */
    public static final char VARIANT_SEPARATOR = '@';

    public RunResult {
        samples = List.copyOf(samples);
    }

    /** A run without its CPUs and the record of a shared cooldown, as files before them recorded. */
    public RunResult(String allocator, int trial, RunStatus status, String library, boolean preloadVerified,
                     Long pid, Integer exitCode, String failure, String logFile, List<MemorySample> samples,
                     LoadResult load, RunSummary summary, Phase failedPhase, Validity validity, NativeTrim trim,
                     RunJdk jdk) {
        this(allocator, trial, status, library, preloadVerified, pid, exitCode, failure, logFile, samples, load,
                summary, failedPhase, validity, trim, jdk, null, null);
    }

    /** A run without its JDK, as files before it recorded. */
    public RunResult(String allocator, int trial, RunStatus status, String library, boolean preloadVerified,
                     Long pid, Integer exitCode, String failure, String logFile, List<MemorySample> samples,
                     LoadResult load, RunSummary summary, Phase failedPhase, Validity validity, NativeTrim trim) {
        this(allocator, trial, status, library, preloadVerified, pid, exitCode, failure, logFile, samples, load,
                summary, failedPhase, validity, trim, null, null, null);
    }

    /** A run without a trim at its end, as files before it recorded. */
    public RunResult(String allocator, int trial, RunStatus status, String library, boolean preloadVerified,
                     Long pid, Integer exitCode, String failure, String logFile, List<MemorySample> samples,
                     LoadResult load, RunSummary summary, Phase failedPhase, Validity validity) {
        this(allocator, trial, status, library, preloadVerified, pid, exitCode, failure, logFile, samples, load,
                summary, failedPhase, validity, null, null, null, null);
    }

    /** A run of {@code allocator} in {@code trial}, every other field still to be set. */
    public static Builder builder(String allocator, int trial) {
        return new Builder(allocator, trial);
    }

    /** A builder holding every field of this run. */
    public Builder toBuilder() {
        return new Builder(allocator, trial).status(status).library(library).preloadVerified(preloadVerified)
                .pid(pid).exitCode(exitCode).failure(failure).logFile(logFile).samples(samples).load(load)
                .summary(summary).failedPhase(failedPhase).validity(validity).trim(trim).jdk(jdk).cpus(cpus)
                .cooldownShared(cooldownShared);
    }

    /**
     * What the run's figures are grouped, ranked and judged by: the allocator's name, joined by
     * {@value #VARIANT_SEPARATOR} to its JDK's label when the bench ran on several JDKs ({@code jemalloc@jdk25}).
     */
    public String variant() {
        return variantOf(allocator, jdk == null ? null : jdk.label());
    }

    /** {@code allocator}, or {@code allocator@label} when there is a JDK label. */
    public static String variantOf(String allocator, String jdkLabel) {
        return jdkLabel == null ? allocator : allocator + VARIANT_SEPARATOR + jdkLabel;
    }

    /** The allocator named by {@code variant}: its part before the first {@value #VARIANT_SEPARATOR}. */
    public static String allocatorOfVariant(String variant) {
        int at = variant.indexOf(VARIANT_SEPARATOR);
        return at < 0 ? variant : variant.substring(0, at);
    }

    /**
     * The variant of {@code allocator} on the same JDK (and, in a merged report, from the same source) as
     * {@code variant}: {@code sibling("jemalloc@jdk25", "system")} is {@code system@jdk25}.
     */
    public static String sibling(String variant, String allocator) {
        int at = variant.indexOf(VARIANT_SEPARATOR);
        return at < 0 ? allocator : allocator + variant.substring(at);
    }

    /** This run under another allocator name. */
    public RunResult withAllocator(String newAllocator) {
        return toBuilder().allocator(newAllocator).build();
    }

    /** This run with its log link replaced, e.g. made relative to another report's directory. */
    public RunResult withLogFile(String newLogFile) {
        return toBuilder().logFile(newLogFile).build();
    }

    /** This run with its validity judged. */
    public RunResult withValidity(Validity newValidity) {
        return toBuilder().validity(newValidity).build();
    }

    /** Whether the run completed and measured what it claims: the only runs that rank and are judged. */
    public boolean isJudgeable() {
        return status == RunStatus.OK && (validity == null || validity.valid());
    }

    /** A planned run that the bench's interruption ended or kept from starting. */
    public static RunResult interrupted(String allocator, int trial, String reason) {
        return builder(allocator, trial).status(RunStatus.INTERRUPTED).failure(reason).build();
    }

    /** A run that was not attempted, with the reason and the fix. */
    public static RunResult skipped(String allocator, int trial, String library, String reason) {
        return builder(allocator, trial).status(RunStatus.SKIPPED).library(library).failure(reason).build();
    }

    /** Collects a run's fields; unset ones are empty ({@code null}, no samples, the summary of no samples). */
    public static final class Builder {
        private String allocator;
        private final int trial;
        private RunStatus status = RunStatus.OK;
        private String library;
        private boolean preloadVerified;
        private Long pid;
        private Integer exitCode;
        private String failure;
        private String logFile;
        private List<MemorySample> samples = List.of();
        private LoadResult load;
        private RunSummary summary;
        private Phase failedPhase;
        private Validity validity;
        private NativeTrim trim;
        private RunJdk jdk;
        private RunCpus cpus;
        private Boolean cooldownShared;

        private Builder(String allocator, int trial) {
            this.allocator = allocator;
            this.trial = trial;
        }

        public Builder allocator(String value) {
            allocator = value;
            return this;
        }

        public Builder status(RunStatus value) {
            status = value;
            return this;
        }

        public Builder library(String value) {
            library = value;
            return this;
        }

        public Builder preloadVerified(boolean value) {
            preloadVerified = value;
            return this;
        }

        public Builder pid(Long value) {
            pid = value;
            return this;
        }

        public Builder exitCode(Integer value) {
            exitCode = value;
            return this;
        }

        public Builder failure(String value) {
            failure = value;
            return this;
        }

        public Builder logFile(String value) {
            logFile = value;
            return this;
        }

        public Builder samples(List<MemorySample> value) {
            samples = value;
            return this;
        }

        public Builder load(LoadResult value) {
            load = value;
            return this;
        }

        public Builder summary(RunSummary value) {
            summary = value;
            return this;
        }

        public Builder failedPhase(Phase value) {
            failedPhase = value;
            return this;
        }

        public Builder validity(Validity value) {
            validity = value;
            return this;
        }

        public Builder trim(NativeTrim value) {
            trim = value;
            return this;
        }

        public Builder jdk(RunJdk value) {
            jdk = value;
            return this;
        }

        public Builder cpus(RunCpus value) {
            cpus = value;
            return this;
        }

        public Builder cooldownShared(Boolean value) {
            cooldownShared = value;
            return this;
        }

        /** The run; without a summary, the summary of its samples. */
        public RunResult build() {
            return new RunResult(allocator, trial, status, library, preloadVerified, pid, exitCode, failure, logFile,
                    samples, load, summary != null ? summary : RunSummary.of(samples), failedPhase, validity, trim,
                    jdk, cpus, cooldownShared);
        }
    }
}
