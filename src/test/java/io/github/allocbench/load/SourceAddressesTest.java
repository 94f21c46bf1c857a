package io.github.allocbench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceAddressesTest {

    private static final int PORTS = 28_232;

    @Test
    void oneAddressWhileItsPortsSuffice() {
        SourceAddresses plan = SourceAddresses.plan(27_000, PORTS, 0);

        assertThat(plan.addresses()).containsExactly("127.0.0.1");
        assertThat(plan.shares()).containsExactly(27_000);
    }

    @Test
    void spreadsOverAsFewAddressesAsHoldTheConnections() {
        SourceAddresses plan = SourceAddresses.plan(50_000, PORTS, 0);

        assertThat(plan.addresses()).containsExactly("127.0.0.1", "127.0.0.2");
        assertThat(plan.shares()).containsExactly(25_000, 25_000);
        assertThat(SourceAddresses.plan(60_000, PORTS, 0).addresses())
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    }

    @Test
    void sharesDifferByAtMostOneAndAddUp() {
        SourceAddresses plan = SourceAddresses.plan(200, PORTS, 3);

        assertThat(plan.shares()).containsExactly(67, 67, 66);
        assertThat(plan.addressOf(0)).isZero();
        assertThat(plan.addressOf(66)).isZero();
        assertThat(plan.addressOf(67)).isEqualTo(1);
        assertThat(plan.addressOf(133)).isEqualTo(1);
        assertThat(plan.addressOf(134)).isEqualTo(2);
        assertThat(plan.addressOf(199)).isEqualTo(2);
    }

    @Test
    void neverMoreAddressesThanConnections() {
        assertThat(SourceAddresses.plan(2, PORTS, 5).count()).isEqualTo(2);
    }

    @Test
    void refusesWhatEvenAllAddressesCannotHold() {
        assertThatThrownBy(() -> SourceAddresses.plan(1_000_000, PORTS, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000000 connections need 37 loopback source addresses")
                .hasMessageContaining("ip_local_port_range");
    }
}
