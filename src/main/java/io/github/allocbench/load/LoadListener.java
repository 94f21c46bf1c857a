package io.github.allocbench.load;

/** Told by the load generator where it is, so the bench can label samples and print progress. */
public interface LoadListener {

    /** A listener for a load nobody watches, such as a warm-up. */
    LoadListener NONE = new LoadListener() {
        @Override
        public void rampFinished(int connectionsOpened, long rampMs) {
        }

        @Override
        public void second(int second, long responses, int openConnections) {
        }
    };

    /**
     * The ramp is over and the measured window starts now.
     *
     * @param connectionsOpened connections really open, never the number asked for
     * @param rampMs            time to open them and start the first request on each
     */
    void rampFinished(int connectionsOpened, long rampMs);

    /**
     * One second of the measured window has passed.
     *
     * @param second          seconds elapsed in the window, from 1
     * @param responses       responses received in that second
     * @param openConnections connections open at its end
     */
    void second(int second, long responses, int openConnections);
}
