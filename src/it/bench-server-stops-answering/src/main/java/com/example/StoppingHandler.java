package com.example;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers for 2.5 s from its first request (the ramp, the 1 s settle and the start of the 4 s window), then takes
 * every request and never completes it: a server that stops answering mid-window.
 */
public class StoppingHandler extends Handler.Abstract.NonBlocking {

    private static final long ANSWER_FOR_NANOS = TimeUnit.MILLISECONDS.toNanos(2500);

    private final AtomicLong firstRequestNanos = new AtomicLong();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long now = System.nanoTime();
        firstRequestNanos.compareAndSet(0, now);
        if (now - firstRequestNanos.get() > ANSWER_FOR_NANOS) {
            return true;
        }
        byte[] body = "{\"hello\":\"for now\"}".getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
