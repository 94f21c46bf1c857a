package io.github.allocbench.bench;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.ArrayList;
import java.util.List;

/** Keeps 4 MiB of heap per request until the server runs out: a server that dies under load. */
public class HeapEatingHandler extends Handler.Abstract {

    private final List<byte[]> kept = new ArrayList<>();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        synchronized (kept) {
            kept.add(new byte[4 << 20]);
        }
        response.setStatus(200);
        Content.Sink.write(response, true, "eaten", callback);
        return true;
    }
}
