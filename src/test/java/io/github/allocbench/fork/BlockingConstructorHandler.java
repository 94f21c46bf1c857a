package io.github.allocbench.fork;

/** A handler whose constructor never returns, so the fork never becomes ready. */
public class BlockingConstructorHandler extends HelloHandler {

    public BlockingConstructorHandler() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
