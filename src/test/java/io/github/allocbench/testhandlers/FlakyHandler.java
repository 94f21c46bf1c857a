package io.github.allocbench.testhandlers;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.concurrent.atomic.AtomicLong;

/** Answers 500 to every third request and throws on every fifth: a handler with bugs the bench must survive. */
public class FlakyHandler extends Handler.Abstract.NonBlocking {

    private final AtomicLong requests = new AtomicLong();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long n = requests.incrementAndGet();
        if (n % 5 == 0) {
            throw new IllegalStateException("request " + n + " fails on purpose");
        }
        response.setStatus(n % 3 == 0 ? 500 : 200);
        response.write(true, null, callback);
        return true;
    }
}
