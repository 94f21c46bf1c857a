package io.github.allocbench.fork;

import io.github.allocbench.allocator.Allocator;
import io.github.allocbench.child.ServerMain;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds fork commands on the test classpath with a small, quick JVM. */
public final class ForkFixture {

    public static final List<String> SMALL_JVM = List.of("-Xms32m", "-Xmx64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    public static final Allocator SYSTEM = new Allocator("system", null, Map.of(), List.of());

    private ForkFixture() {
    }

    public static ForkCommand.Builder command(Path dir, Allocator allocator, Class<?> handler) {
        return ForkCommand.builder()
                .jvmOptions(SMALL_JVM)
                .allocator(allocator)
                .classpath(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .map(Path::of).toList())
                .argFile(dir.resolve("logs/" + allocator.name() + ".args"))
                .handler(handler == null ? null : handler.getName())
                .threads(8);
    }

    /** Forked servers of this JVM that still run: none may be left after any test. */
    public static List<ProcessHandle> forkedServersAlive() {
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(ServerMain.class.getName()))
                .toList();
    }
}
