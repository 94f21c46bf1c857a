package io.github.allocbench.fork;


import io.github.allocbench.allocator.Allocator;
import io.github.allocbench.units.CpuList;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The command line and environment of one forked server, built without starting anything so that tests can check
 * it: {@code java <common JVM options> <allocator's JVM args> @<argfile> ServerMain <server args>}, behind
 * {@code taskset -c <cpus>} when the server is pinned ({@link CpuAffinity}). The classpath goes into an argument file
 * because Linux caps one argument at 128 KiB and a project's classpath can exceed it. The common JVM options come
 * first and are the same for every allocator of a bench, so runs stay comparable.
 */
public final class ForkCommand {

    private final Path javaExecutable;
    private final List<String> jvmOptions;
    private final Allocator allocator;
    private final List<Path> classpath;
    private final Path argFile;
    private final String handler;
    private final String defaultHandler;
    private final int threads;
    private final CpuList cpus;

    private ForkCommand(Builder b) {
        this.javaExecutable = b.javaExecutable;
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.allocator = Objects.requireNonNull(b.allocator, "allocator");
        this.classpath = List.copyOf(b.classpath);
        this.argFile = Objects.requireNonNull(b.argFile, "argFile");
        this.handler = b.handler;
        this.defaultHandler = b.defaultHandler;
        this.threads = b.threads;
        this.cpus = b.cpus;
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("The forked server's classpath is empty; it needs at least Jetty's"
                    + " server and the allocator-maven-plugin jar.");
        }
    }

    /** A builder using the running JVM's {@code java} and {@link ServerArgs#DEFAULT_THREADS} threads. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code java} executable of the running JVM. */
    public static Path runningJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The allocator this command runs. */
    public Allocator allocator() {
        return allocator;
    }

    /** Where {@link #writeArgFile()} writes the classpath. */
    public Path argFile() {
        return argFile;
    }

    /** The CPUs the server is pinned to, or {@code null} when it is not pinned. */
    public CpuList cpus() {
        return cpus;
    }

    /** The full command line, the child connecting back to {@code linkPort}. */
    public List<String> arguments(int linkPort) {
        List<String> command = new ArrayList<>(CpuAffinity.prefix(cpus));
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        command.addAll(allocator.jvmArgs());
        command.add("@" + argFile);
        command.add(ServerArgs.MAIN_CLASS);
        command.addAll(new ServerArgs(linkPort, handler, defaultHandler, threads).toList());
        return List.copyOf(command);
    }

    /** The argument file's text: {@link #classpathArgFile(List)} of this command's class path. */
    public String argFileContent() {
        return classpathArgFile(classpath);
    }

    /**
     * An argument file that sets the class path to {@code classpath}: {@code -cp} and the quoted path, with
     * {@code \} and {@code "} escaped as the {@code java} launcher reads them, so paths with spaces survive.
     */
    public static String classpathArgFile(List<Path> classpath) {
        String path = classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        return "-cp\n\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }

    /** Writes {@link #argFileContent()} to {@link #argFile()}, creating its directory. */
    public void writeArgFile() throws IOException {
        Path parent = argFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(argFile, argFileContent());
    }

    /**
     * The child's environment: {@code inherited}, then the allocator's variables, then {@code LD_PRELOAD} set to the
     * allocator's library when it preloads one. An inherited {@code LD_PRELOAD} is dropped: it would swap the
     * allocator of every run, the {@code system} baseline included.
     */
    public Map<String, String> environment(Map<String, String> inherited) {
        Map<String, String> env = new HashMap<>(inherited);
        env.remove("LD_PRELOAD");
        env.putAll(allocator.environment());
        if (allocator.preloads()) {
            env.put("LD_PRELOAD", allocator.library().toString());
        }
        return env;
    }

    /** Collects the parts of a {@link ForkCommand}; allocator, classpath and argument file are required. */
    public static final class Builder {
        private Path javaExecutable = runningJava();
        private List<String> jvmOptions = List.of();
        private Allocator allocator;
        private List<Path> classpath = List.of();
        private Path argFile;
        private String handler;
        private String defaultHandler;
        private int threads = ServerArgs.DEFAULT_THREADS;
        private CpuList cpus;

        private Builder() {
        }

        /** The {@code java} to run; defaults to the running JVM's. */
        public Builder javaExecutable(Path javaExecutable) {
            this.javaExecutable = Objects.requireNonNull(javaExecutable);
            return this;
        }

        /** JVM options common to every allocator of the bench, e.g. {@code -Xms2g}, {@code -Xmx2g}. */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /** The allocator to run; its JVM args follow the common options. */
        public Builder allocator(Allocator allocator) {
            this.allocator = allocator;
            return this;
        }

        /** The child's classpath: the project's entries first, so its Jetty version wins. */
        public Builder classpath(List<Path> classpath) {
            this.classpath = List.copyOf(classpath);
            return this;
        }

        /** Where to write the classpath argument file, e.g. under {@code target/allocator-bench/logs/}. */
        public Builder argFile(Path argFile) {
            this.argFile = argFile;
            return this;
        }

        /** The project's handler class, or {@code null} to use the default handler. */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        /** The handler class used when the project names none. */
        public Builder defaultHandler(String defaultHandler) {
            this.defaultHandler = defaultHandler;
            return this;
        }

        /** The size of the server's fixed thread pool. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The CPUs to pin the server to with {@code taskset -c}, or {@code null} (the default) to not pin it. */
        public Builder cpus(CpuList cpus) {
            this.cpus = cpus;
            return this;
        }

        /** The command. */
        public ForkCommand build() {
            return new ForkCommand(this);
        }
    }
}
