package io.github.allocbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One colour per allocator, the same in every chart of a report, so a reader learns "blue is system" once. The
 * colours are Okabe and Ito's colour-blind-safe set, dark enough on white, assigned in the bench's allocator order;
 * names the order does not know (runs of a merged report) get the next free colour.
 */
final class Palette {

    static final List<String> COLOURS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
            "#000000");

    private final List<String> order;

    Palette(List<String> allocatorOrder) {
        order = new ArrayList<>(allocatorOrder);
    }

    /** The allocator's colour; colours repeat after seven allocators. */
    String colourOf(String allocator) {
        if (!order.contains(allocator)) {
            order.add(allocator);
        }
        return COLOURS.get(order.indexOf(allocator) % COLOURS.size());
    }
}
