package io.github.allocbench.testhandlers;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves 50 requests, then ends its JVM with exit code 3: a server that crashes during the load. 50 is few enough to
 * be reached within the shortest test window on a slow, busy machine (20 connections at 150 req/s were seen there).
 */
public class ExitingHandler extends Handler.Abstract.NonBlocking {

    private final AtomicLong requests = new AtomicLong();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (requests.incrementAndGet() == 50) {
            Runtime.getRuntime().halt(3);
        }
        response.setStatus(200);
        response.write(true, null, callback);
        return true;
    }
}
