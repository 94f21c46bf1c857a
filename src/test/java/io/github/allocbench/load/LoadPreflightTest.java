package io.github.allocbench.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadPreflightTest {

    /** This machine as measured: hard limit 20,000, Linux's default port range 32768-60999 (28,232 ports). */
    private static final SystemLimits HERE = new SystemLimits(20_000, 120, 20_000, 32768, 60999);

    @Test
    void passesWhenEverythingFits() {
        SourceAddresses sources = LoadPreflight.check(10_000, HERE);

        assertThat(sources.addresses()).containsExactly("127.0.0.1");
        assertThat(sources.shares()).containsExactly(10_000);
        assertThat(LoadPreflight.describe(10_000, HERE, sources))
                .contains("10,000 connections fit", "Maven JVM 20,000", "forked server 20,000",
                        "port range 32768-60999", "source address 127.0.0.1");
    }

    @Test
    void aLowMavenLimitFailsWithTheLimitsTheNeedAndTheFixes() {
        SystemLimits low = new SystemLimits(1024, 100, 1024, 32768, 60999);

        assertThatThrownBy(() -> LoadPreflight.check(10_000, low))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10,000 connections need about 10,256 open files in the forked server")
                .hasMessageContaining("10,064 in the load generator's JVM, which inherits the Maven JVM's limits")
                .hasMessageContaining("Maven JVM 1,024 (100 open already)")
                .hasMessageContaining("forked server 1,024")
                .hasMessageContaining("ulimit -n 11000")
                .hasMessageContaining("LimitNOFILE=11000")
                .hasMessageContaining("docker run --ulimit nofile=11000:11000")
                .hasMessageContaining("<connections>")
                .hasMessageContaining("at most 768");
    }

    @Test
    void aForkLimitBelowTheConnectionsFailsEvenWhenMavensFits() {
        // Maven's JVM was given more than the hard limit a fresh process inherits.
        SystemLimits forkLow = new SystemLimits(100_000, 100, 10_100, 32768, 60999);

        assertThatThrownBy(() -> LoadPreflight.check(10_000, forkLow))
                .hasMessageContaining("forked server 10,100 (the hard limit in /proc/self/limits")
                .hasMessageContaining("at most 9,844");
    }

    @Test
    void filesAlreadyOpenInMavenCount() {
        SystemLimits busy = new SystemLimits(20_000, 15_000, 20_000, 32768, 60999);

        assertThatThrownBy(() -> LoadPreflight.check(10_000, busy)).hasMessageContaining("15,000 open already");
    }

    @Test
    void unknownLimitsAreNotChecked() {
        SourceAddresses sources = LoadPreflight.check(50_000, new SystemLimits(-1, -1, -1, -1, -1));

        assertThat(sources.count()).isEqualTo(1);
    }

    @Test
    void aboveOneAddresssPortRangeTheConnectionsAreSpread() {
        SystemLimits roomy = new SystemLimits(200_000, 100, 200_000, 32768, 60999);

        SourceAddresses sources = LoadPreflight.check(50_000, roomy);

        assertThat(sources.addresses()).containsExactly("127.0.0.1", "127.0.0.2");
        assertThat(sources.shares()).containsExactly(25_000, 25_000);
        assertThat(LoadPreflight.describe(50_000, roomy, sources))
                .contains("source addresses 127.0.0.1, 127.0.0.2");
    }

    @Test
    void aPortRangeTooNarrowForAnyLoadFailsWithTheSysctl() {
        assertThatThrownBy(() -> LoadPreflight.check(100, new SystemLimits(20_000, 100, 20_000, 60000, 60100)))
                .hasMessageContaining("local port range is 60000-60100 (101 ports)")
                .hasMessageContaining("net.ipv4.ip_local_port_range");
    }

    @Test
    void readsTheHardOpenFileLimitFromProcLimits() {
        List<String> lines = List.of(
                "Limit                     Soft Limit           Hard Limit           Units     ",
                "Max processes             127573               127573               processes ",
                "Max open files            1024                 20000                files     ",
                "Max locked memory         8388608              8388608              bytes     ");

        assertThat(SystemLimits.hardOpenFiles(lines)).isEqualTo(20_000);
        assertThat(SystemLimits.hardOpenFiles(List.of("Max open files unlimited unlimited files")))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(SystemLimits.hardOpenFiles(List.of("Max processes 1 1 processes"))).isEqualTo(-1);
    }

    @Test
    void readsThisMachinesLimits() {
        SystemLimits now = SystemLimits.current();

        assertThat(now.maxFiles()).isPositive();
        assertThat(now.hardMaxFiles()).isGreaterThanOrEqualTo(now.maxFiles());
        assertThat(now.ports()).isPositive();
    }
}
