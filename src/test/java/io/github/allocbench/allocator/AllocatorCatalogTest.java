package io.github.allocbench.allocator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocatorCatalogTest {

    @TempDir
    Path tmp;

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    private static Path touch(Path file) throws IOException {
        return Files.write(file, new byte[]{0x7f, 'E', 'L', 'F'});
    }

    @Test
    void systemPreloadsNothing() {
        Resolution r = new AllocatorCatalog(List.of(tmp), List.of()).resolve("system");

        assertThat(r.isAvailable()).isTrue();
        assertThat(r.allocator().preloads()).isFalse();
        assertThat(r.allocator().environment()).isEmpty();
    }

    @Test
    void returnProfilesPreloadTheirAllocatorWithItsReturnToOsSettings() throws IOException {
        Path lib = dir("lib");
        touch(lib.resolve("libjemalloc.so.2"));
        touch(lib.resolve("libmimalloc.so.2"));
        touch(lib.resolve("libtcmalloc_minimal.so.4"));
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(lib), List.of());

        assertThat(catalog.resolve("jemalloc-return").allocator()).isEqualTo(new Allocator("jemalloc-return",
                lib.resolve("libjemalloc.so.2"),
                Map.of("MALLOC_CONF", "background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0"), List.of()));
        assertThat(catalog.resolve("mimalloc-return").allocator()).isEqualTo(new Allocator("mimalloc-return",
                lib.resolve("libmimalloc.so.2"),
                Map.of("MIMALLOC_PURGE_DELAY", "0", "MIMALLOC_DECOMMIT_DELAY", "0"), List.of()));
        assertThat(catalog.resolve("tcmalloc-return").allocator()).isEqualTo(new Allocator("tcmalloc-return",
                lib.resolve("libtcmalloc_minimal.so.4"), Map.of("TCMALLOC_RELEASE_RATE", "10"), List.of()));
        assertThat(catalog.resolve("jemalloc").allocator().environment()).isEmpty();
    }

    @Test
    void aReturnProfileWithoutItsLibraryIsMissingWithTheInstallHint() throws IOException {
        Resolution r = new AllocatorCatalog(List.of(dir("empty")), List.of()).resolve("jemalloc-return");

        assertThat(r.isAvailable()).isFalse();
        assertThat(((Resolution.Missing) r).message()).startsWith("jemalloc-return: libjemalloc.so.2 not found in ")
                .contains("apt-get install libjemalloc2");
    }

    @Test
    void findsLibraryInFirstDirThatHasIt() throws IOException {
        Path first = dir("first");
        Path second = dir("second");
        touch(second.resolve("libjemalloc.so.2"));

        Resolution r = new AllocatorCatalog(List.of(first, second), List.of()).resolve("jemalloc");

        assertThat(r.allocator().library()).isEqualTo(second.resolve("libjemalloc.so.2"));
        assertThat(r.allocator().preloads()).isTrue();
    }

    @Test
    void prefersTheVersionedNameOverTheDevelopmentSymlinkWhereverItIs() throws IOException {
        Path first = dir("first");
        Path second = dir("second");
        touch(first.resolve("libmimalloc.so"));
        touch(second.resolve("libmimalloc.so.2"));

        Resolution r = new AllocatorCatalog(List.of(first, second), List.of()).resolve("mimalloc");

        assertThat(r.allocator().library()).isEqualTo(second.resolve("libmimalloc.so.2"));
    }

    @Test
    void fallsBackToTheFullTcmalloc() throws IOException {
        touch(tmp.resolve("libtcmalloc.so.4"));

        assertThat(new AllocatorCatalog(List.of(tmp), List.of()).resolve("tcmalloc").allocator().library())
                .isEqualTo(tmp.resolve("libtcmalloc.so.4"));
    }

    @Test
    void followsSymlinksButNotDanglingOnes() throws IOException {
        touch(tmp.resolve("libmimalloc.so.2.0"));
        Files.createSymbolicLink(tmp.resolve("libmimalloc.so.2"), tmp.resolve("libmimalloc.so.2.0"));
        Files.createSymbolicLink(tmp.resolve("libjemalloc.so.2"), tmp.resolve("nowhere.so"));
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp), List.of());

        assertThat(catalog.resolve("mimalloc").allocator().library()).isEqualTo(tmp.resolve("libmimalloc.so.2"));
        assertThat(catalog.resolve("jemalloc").isAvailable()).isFalse();
    }

    @Test
    void missingBuiltInNamesTheFileTheDirsAndTheFix() throws IOException {
        Path a = dir("a");
        Path b = dir("b");

        Resolution r = new AllocatorCatalog(List.of(a, b), List.of()).resolve("jemalloc");

        assertThat(r).isInstanceOf(Resolution.Missing.class);
        assertThat(((Resolution.Missing) r).message())
                .isEqualTo("jemalloc: libjemalloc.so.2 not found in " + a + ", " + b + ". Install it (Debian/Ubuntu:"
                        + " apt-get install libjemalloc2; Fedora/RHEL: dnf install jemalloc; Alpine: apk add jemalloc)"
                        + " or set <library> for this allocator.");
        assertThatThrownBy(r::allocator).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("jemalloc: libjemalloc.so.2 not found");
    }

    @Test
    void missingMimallocListsBothFileNames() {
        Resolution r = new AllocatorCatalog(List.of(tmp), List.of()).resolve("mimalloc");

        assertThat(((Resolution.Missing) r).message())
                .startsWith("mimalloc: libmimalloc.so.2 or libmimalloc.so not found in " + tmp)
                .contains("apt-get install libmimalloc2.0");
    }

    @Test
    void customAllocatorExtendsTheCatalog() throws IOException {
        Path lib = touch(tmp.resolve("libsnmalloc.so"));
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(dir("empty")), List.of(
                new CustomAllocator("snmalloc", lib, Map.of("SNMALLOC_X", "1"), List.of("-Dx=1"))));

        Allocator a = catalog.resolve("snmalloc").allocator();

        assertThat(a).isEqualTo(new Allocator("snmalloc", lib, Map.of("SNMALLOC_X", "1"), List.of("-Dx=1")));
        assertThat(catalog.names()).containsExactly("glibc-arena2", "glibc-trim", "jemalloc", "jemalloc-return",
                "mimalloc", "mimalloc-return", "snmalloc", "system", "tcmalloc", "tcmalloc-return");
    }

    @Test
    void customAllocatorWithABuiltInNameOverridesItsLibrary() throws IOException {
        touch(tmp.resolve("libjemalloc.so.2"));
        Path own = touch(dir("opt").resolve("libjemalloc-prof.so"));
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp),
                List.of(CustomAllocator.ofLibrary("jemalloc", own)));

        assertThat(catalog.resolve("jemalloc").allocator().library()).isEqualTo(own);
    }

    @Test
    void customEntryWithoutLibraryKeepsTheBuiltInSearchAndAddsItsEnvironment() throws IOException {
        touch(tmp.resolve("libjemalloc.so.2"));
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp), List.of(
                new CustomAllocator("jemalloc", null, Map.of("MALLOC_CONF", "narenas:2"), List.of())));

        Allocator a = catalog.resolve("jemalloc").allocator();

        assertThat(a.library()).isEqualTo(tmp.resolve("libjemalloc.so.2"));
        assertThat(a.environment()).containsExactly(Map.entry("MALLOC_CONF", "narenas:2"));
    }

    @Test
    void customAllocatorWithoutLibraryIsTheSystemMallocTuned() {
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp), List.of(
                new CustomAllocator("glibc-2arenas", null, Map.of("MALLOC_ARENA_MAX", "2"), List.of())));

        Allocator a = catalog.resolve("glibc-2arenas").allocator();

        assertThat(a.preloads()).isFalse();
        assertThat(a.environment()).containsEntry("MALLOC_ARENA_MAX", "2");
    }

    @Test
    void customLibraryThatDoesNotExistIsAConfigurationError() {
        Path nowhere = tmp.resolve("libnone.so");
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp),
                List.of(CustomAllocator.ofLibrary("mine", nowhere)));

        assertThatThrownBy(() -> catalog.resolve("mine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Allocator 'mine': <library> " + nowhere + " does not exist or is not a file. Fix"
                        + " <library> of this allocator, install the library there, or leave 'mine' out of"
                        + " <allocators> and <customAllocators>.");
    }

    @Test
    void customLibraryThatEveryJvmMapsIsRefused() throws IOException {
        Path libc = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .filter(path -> path.matches(".*/libc[.-].*so.*"))
                .map(Path::of).findFirst().orElseThrow();
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp),
                List.of(CustomAllocator.ofLibrary("libc", libc)));

        assertThatThrownBy(() -> catalog.resolve("libc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Allocator 'libc': <library> " + libc + " is already mapped in a JVM started"
                        + " without LD_PRELOAD")
                .hasMessageContaining("use the built-in 'system'");
    }

    @Test
    void pathCharactersInACustomNameAreRefused() {
        assertThatThrownBy(() -> CustomAllocator.ofLibrary("../../../../pwned", tmp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Allocator name '../../../../pwned' is not allowed: names become file names, so they"
                        + " may only use " + AllocatorName.ALLOWED + ", e.g. jemalloc-dev or mimalloc_2.1.");
    }

    @Test
    void unknownNameListsKnownNamesAndHowToDefineOne() {
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp), List.of());

        assertThatThrownBy(() -> catalog.resolve("hoard"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown allocator 'hoard'. Known allocators: glibc-arena2, glibc-trim, jemalloc,"
                        + " jemalloc-return, mimalloc, mimalloc-return, system, tcmalloc, tcmalloc-return."
                        + " To bench another one, define it: <customAllocators><allocator><name>hoard</name>"
                        + "<library>/path/to/libhoard.so</library></allocator></customAllocators>.");
    }

    @Test
    void glibcArena2IsTheSystemMallocWithTwoArenas() {
        Allocator a = new AllocatorCatalog(List.of(tmp), List.of()).resolve("glibc-arena2").allocator();

        assertThat(a).isEqualTo(new Allocator("glibc-arena2", null, Map.of("MALLOC_ARENA_MAX", "2"), List.of()));
    }

    @Test
    void glibcTrimAsksTheJvmForTheTrimOptionAndRunsWithIt() {
        List<List<String>> asked = new ArrayList<>();
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp), List.of(), options -> {
            asked.add(options);
            return Optional.empty();
        });

        Allocator a = catalog.resolve("glibc-trim").allocator();

        List<String> trim = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=1000");
        assertThat(a).isEqualTo(new Allocator("glibc-trim", null, Map.of(), trim));
        assertThat(asked).containsExactly(trim);
    }

    @Test
    void glibcTrimIsMissingOnAJvmWithoutTheOptionSayingWhichJdkHasIt() {
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp), List.of(),
                options -> Optional.of("java exits with code 1: Unrecognized VM option 'TrimNativeHeapInterval=1000'"));

        Resolution r = catalog.resolve("glibc-trim");

        assertThat(r.isAvailable()).isFalse();
        assertThat(((Resolution.Missing) r).message()).isEqualTo("glibc-trim: this JVM does not accept"
                + " -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=1000 (java exits with code 1:"
                + " Unrecognized VM option 'TrimNativeHeapInterval=1000'). -XX:TrimNativeHeapInterval exists from"
                + " JDK 17.0.9, 21.0.1 and 22 on; run Maven on such a JDK (JAVA_HOME) or leave glibc-trim out of"
                + " <allocators>.");
    }

    @Test
    void allocatorsWithoutJvmOptionsDoNotAskTheJvm() {
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp), List.of(), options -> {
            throw new AssertionError("asked about " + options);
        });

        assertThat(catalog.resolve("system").isAvailable()).isTrue();
        assertThat(catalog.resolve("glibc-arena2").isAvailable()).isTrue();
    }

    @Test
    void aUserDefinitionOfAProfileAddsToItsEnvironmentAndOptions() {
        AllocatorCatalog catalog = new AllocatorCatalog(List.of(tmp), List.of(new CustomAllocator("glibc-arena2",
                null, Map.of("MALLOC_TRIM_THRESHOLD_", "131072"), List.of("-Dx=1"))), options -> Optional.empty());

        Allocator a = catalog.resolve("glibc-arena2").allocator();

        assertThat(a.environment()).containsOnly(Map.entry("MALLOC_ARENA_MAX", "2"),
                Map.entry("MALLOC_TRIM_THRESHOLD_", "131072"));
        assertThat(a.jvmArgs()).containsExactly("-Dx=1");
    }

    @Test
    void theRunningJvmIsAskedForReal() {
        JvmOptionProbe probe = JvmOptionProbe.of(Path.of(System.getProperty("java.home"), "bin", "java"));

        assertThat(probe.rejection(List.of("-Xmx64m"))).isEmpty();
        assertThat(probe.rejection(List.of("-XX:+NoSuchOptionAnywhere"))).hasValueSatisfying(why ->
                assertThat(why).contains("exits with code 1").contains("NoSuchOptionAnywhere"));
    }

    @Test
    void duplicateCustomNamesAreRejected() {
        assertThatThrownBy(() -> new AllocatorCatalog(List.of(tmp), List.of(
                CustomAllocator.ofLibrary("x", tmp), CustomAllocator.ofLibrary("x", tmp))))
                .hasMessageContaining("Two <allocator> entries are named 'x'");
    }

    @Test
    void searchDirsFollowTheArchitecture() {
        assertThat(AllocatorCatalog.searchDirsFor("amd64")).containsExactly(
                Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"), Path.of("/usr/lib"),
                Path.of("/usr/local/lib"), Path.of("/lib64"), Path.of("/lib"));
        assertThat(AllocatorCatalog.searchDirsFor("aarch64")).first()
                .isEqualTo(Path.of("/usr/lib/aarch64-linux-gnu"));
        assertThat(AllocatorCatalog.searchDirsFor("riscv64")).first().isEqualTo(Path.of("/usr/lib64"));
    }
}
