package io.github.allocbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One look per allocator, the same in every chart of a report, so a reader learns "blue is system" once. The
 * colours are Okabe and Ito's colour-blind-safe set, dark enough on white, assigned in the bench's allocator order;
 * names the order does not know (runs of a merged report) get the next free one. Seven colours serve seven
 * allocators; the eighth to the fourteenth take them again with dashed lines and paler bars, the next ones with
 * dotted lines and paler bars still, so that a bench of every built-in variant draws no two alike.
 */
final class Palette {

    static final List<String> COLOURS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
            "#000000");

    private static final List<String> DASHES = List.of("", "8 4", "2 3");
    private static final List<Double> BAR_OPACITIES = List.of(1.0, 0.55, 0.3);

    /** How an allocator is drawn: its colour, its lines' dash pattern ({@code ""} for solid), its bars' opacity. */
    record Style(String colour, String dash, double barOpacity) {
    }

    private final List<String> order;

    Palette(List<String> allocatorOrder) {
        order = new ArrayList<>(allocatorOrder);
    }

    /** The allocator's colour; colours repeat after seven allocators, with another {@link #styleOf} then. */
    String colourOf(String allocator) {
        return styleOf(allocator).colour();
    }

    /** The allocator's look; from the 22nd allocator on, looks repeat. */
    Style styleOf(String allocator) {
        if (!order.contains(allocator)) {
            order.add(allocator);
        }
        int index = order.indexOf(allocator);
        int cycle = index / COLOURS.size() % DASHES.size();
        return new Style(COLOURS.get(index % COLOURS.size()), DASHES.get(cycle), BAR_OPACITIES.get(cycle));
    }
}
