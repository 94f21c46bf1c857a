package io.github.allocbench.bench;

import java.io.IOException;

/**
 * Another bench held the machine's bench lock for longer than this bench may wait. Nothing was measured; running
 * again once the machine is free, or waiting longer, fixes it.
 */
public final class MachineBusyException extends IOException {

    private static final long serialVersionUID = 1L;

    public MachineBusyException(String message) {
        super(message);
    }
}
