package io.github.allocbench.load;

import io.github.allocbench.handlers.JsonApiHandler;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * The built-in JSON handler with a referee: it counts the requests it answers and tells the count at
 * {@value #COUNT_PATH}, so that {@code benchmarks/loadgen-vs-peers.sh} counts every tool's responses in the same
 * window, from the server's side, whatever the tool reports of itself. The count request is not counted.
 */
public final class CountingJsonHandler extends Handler.Wrapper {

    /** The path that answers the count as plain text. */
    public static final String COUNT_PATH = "/allocbench-count";

    private final LongAdder answered = new LongAdder();

    public CountingJsonHandler() {
        super(new JsonApiHandler());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (COUNT_PATH.equals(Request.getPathInContext(request))) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.write(true, ByteBuffer.wrap((answered.sum() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    callback);
            return true;
        }
        answered.increment();
        return super.handle(request, response, callback);
    }
}
