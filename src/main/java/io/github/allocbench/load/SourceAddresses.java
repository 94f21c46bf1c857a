package io.github.allocbench.load;

import io.github.allocbench.units.ConfigurationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Which loopback source addresses the connections come from, and how many each holds. One source address can hold
 * at most as many connections to one server as the ephemeral port range has ports (28,232 with Linux's default
 * 32768-60999), so above that the connections are spread over 127.0.0.1, 127.0.0.2, ... — loopback answers for the
 * whole 127.0.0.0/8 — in shares that differ by at most one.
 *
 * @param addresses the source addresses in order, the first always 127.0.0.1
 * @param shares    the connections each address holds, in the same order; they add up to the connections
 */
public record SourceAddresses(List<String> addresses, List<Integer> shares) {

    /** Ports of each source address left for whatever else connects from it during the bench. */
    public static final int PORT_RESERVE = 1_000;
    /** The most source addresses spread over: 16 × 28k connections is far beyond any open-file limit in practice. */
    public static final int MAX_ADDRESSES = 16;

    public SourceAddresses {
        addresses = List.copyOf(addresses);
        shares = List.copyOf(shares);
        if (addresses.isEmpty() || addresses.size() != shares.size()) {
            throw new IllegalArgumentException("source addresses " + addresses + " and shares " + shares
                    + " do not match.");
        }
    }

    /**
     * The fewest source addresses that hold {@code connections} with {@code portsPerAddress} ephemeral ports each
     * (less {@link #PORT_RESERVE}), or exactly {@code forced} addresses when that is above zero.
     *
     * @throws IllegalArgumentException when even {@link #MAX_ADDRESSES} addresses cannot hold them
     */
    public static SourceAddresses plan(int connections, int portsPerAddress, int forced) {
        int usable = Math.max(1, portsPerAddress - PORT_RESERVE);
        int count = forced > 0 ? forced : (int) ((connections + (long) usable - 1) / usable);
        count = Math.max(1, Math.min(count, Math.max(1, connections)));
        if (count > MAX_ADDRESSES) {
            throw new ConfigurationException(connections + " connections need " + count + " loopback source "
                    + "addresses of " + usable + " usable ports each, more than the " + MAX_ADDRESSES + " the load"
                    + " generator spreads over. Use fewer connections or widen the local port range "
                    + "(sysctl net.ipv4.ip_local_port_range=\"1024 65535\").");
        }
        List<String> addresses = new ArrayList<>(count);
        List<Integer> shares = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add("127.0.0." + (i + 1));
            shares.add(connections / count + (i < connections % count ? 1 : 0));
        }
        return new SourceAddresses(addresses, shares);
    }

    /** How many addresses the connections are spread over. */
    public int count() {
        return addresses.size();
    }

    /** The index of the source address that connection number {@code connection} (from 0) uses. */
    int addressOf(int connection) {
        int first = 0;
        for (int i = 0; i < shares.size(); i++) {
            first += shares.get(i);
            if (connection < first) {
                return i;
            }
        }
        return shares.size() - 1;
    }
}
