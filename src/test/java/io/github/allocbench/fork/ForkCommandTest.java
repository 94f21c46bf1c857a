package io.github.allocbench.fork;

import io.github.allocbench.allocator.Allocator;
import io.github.allocbench.units.CpuList;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForkCommandTest {

    private static final Allocator JEMALLOC = new Allocator("jemalloc",
            Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"), Map.of("MALLOC_CONF", "background_thread:true"),
            List.of("-Dallocator=jemalloc", "-XX:OnError=echo a b"));

    private static ForkCommand.Builder base() {
        return ForkCommand.builder()
                .javaExecutable(Path.of("/opt/jdk/bin/java"))
                .jvmOptions(List.of("-Xms2g", "-Xmx2g"))
                .allocator(JEMALLOC)
                .classpath(List.of(Path.of("/p/classes"), Path.of("/m2/jetty-server.jar")))
                .argFile(Path.of("/out/logs/jemalloc-1.args"))
                .handler("com.example.Hello")
                .defaultHandler("io.github.allocbench.handlers.JsonApiHandler")
                .threads(32);
    }

    @Test
    void commandLineHasCommonOptionsThenAllocatorArgsThenArgFileMainAndServerArgs() {
        assertThat(base().build().arguments(40123)).containsExactly(
                "/opt/jdk/bin/java", "-Xms2g", "-Xmx2g", "-Dallocator=jemalloc", "-XX:OnError=echo a b",
                "@/out/logs/jemalloc-1.args", "io.github.allocbench.child.ServerMain",
                "--link-port", "40123", "--handler", "com.example.Hello",
                "--default-handler", "io.github.allocbench.handlers.JsonApiHandler", "--threads", "32");
    }

    @Test
    void aPinnedServerRunsBehindTasksetWithTheSameJavaCommand() {
        ForkCommand pinned = base().cpus(CpuList.parse("serverCpus", "2,0-1")).build();

        assertThat(pinned.arguments(40123)).containsExactlyElementsOf(Stream.concat(
                Stream.of("taskset", "-c", "0-2"), base().build().arguments(40123).stream()).toList());
        assertThat(pinned.cpus()).hasToString("0-2");
        assertThat(base().build().cpus()).isNull();
    }

    @Test
    void withoutAHandlerOnlyTheDefaultIsPassedAndTheRunningJavaIsUsed() {
        List<String> args = base().javaExecutable(ForkCommand.runningJava()).handler(null).build().arguments(1);

        assertThat(args.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(args).doesNotContain("--handler").contains("--default-handler");
        assertThat(ServerArgs.parse(args.subList(args.indexOf("--link-port"), args.size()).toArray(String[]::new))
                .handlerToLoad()).isEqualTo("io.github.allocbench.handlers.JsonApiHandler");
    }

    @Test
    void argFileHoldsTheQuotedClasspath() {
        ForkCommand cmd = base().classpath(List.of(Path.of("/my dir/classes"), Path.of("/odd\"name\\x.jar"))).build();

        assertThat(cmd.argFileContent()).isEqualTo("-cp\n\"/my dir/classes:/odd\\\"name\\\\x.jar\"\n");
    }

    @Test
    void environmentAddsTheAllocatorsVariablesAndPreload() {
        Map<String, String> env = base().build().environment(Map.of("PATH", "/bin", "LD_PRELOAD", "/lib/other.so",
                "MALLOC_CONF", "inherited"));

        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/bin",
                "MALLOC_CONF", "background_thread:true",
                "LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"));
    }

    @Test
    void systemAllocatorDropsAnInheritedPreload() {
        Map<String, String> env = base().allocator(new Allocator("system", null, Map.of(), List.of())).build()
                .environment(Map.of("PATH", "/bin", "LD_PRELOAD", "/usr/lib/libjemalloc.so.2"));

        assertThat(env).containsExactly(Map.entry("PATH", "/bin"));
    }

    @Test
    void emptyClasspathIsRejected() {
        assertThatThrownBy(() -> base().classpath(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classpath is empty");
    }
}
