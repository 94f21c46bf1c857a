package com.example;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Sleeps 30 s on every request, far beyond the 3 s window: the bench receives no response at all. */
public class SleepingHandler extends Handler.Abstract {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Thread.sleep(30_000);
        response.setStatus(200);
        callback.succeeded();
        return true;
    }
}
