package com.example;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow for the first 4 s after its first request (50 ms a request, so at most its threads / 50 ms requests per
 * second), fast after: a start-up transient as long as the first two thirds of a 6 s window that opens right after
 * the ramp.
 */
public class WarmingUpHandler extends Handler.Abstract {

    private static final long SLOW_NANOS = 4_000_000_000L;
    private final AtomicLong firstRequest = new AtomicLong();

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long now = System.nanoTime();
        firstRequest.compareAndSet(0, now);
        if (now - firstRequest.get() < SLOW_NANOS) {
            Thread.sleep(50);
        }
        response.setStatus(200);
        callback.succeeded();
        return true;
    }
}
