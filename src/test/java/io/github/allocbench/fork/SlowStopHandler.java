package io.github.allocbench.fork;

/**
 * A handler whose stop never returns, so the fork ignores STOP. With {@code -Dslowstop.blockShutdown=true} it also
 * blocks the JVM's shutdown, which makes SIGTERM useless as it is for a JVM stuck in OutOfMemoryError.
 */
public class SlowStopHandler extends HelloHandler {

    public SlowStopHandler() {
        if (Boolean.getBoolean("slowstop.blockShutdown")) {
            Runtime.getRuntime().addShutdownHook(new Thread(SlowStopHandler::sleepForever));
        }
    }

    @Override
    protected void doStop() {
        sleepForever();
    }

    private static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // Keep blocking: that is the point of this handler.
            }
        }
    }
}
