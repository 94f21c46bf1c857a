package com.example;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers like a hello handler and, with -Dleak=true, keeps a 256 KiB direct buffer per request forever: native
 * memory, which peak and retained native RSS (RSS minus the heap's resident part) count. The leak stops at 96 MiB:
 * the default direct memory limit is the 256 MiB heap, and the request rate of the machine is unknown, so an unbounded
 * leak could end the server with OutOfMemoryError, and a small one could stay below the noise on a slow machine.
 */
public class LeakyHandler extends Handler.Abstract.NonBlocking {

    private static final boolean LEAK = Boolean.getBoolean("leak");
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int MAX_BUFFERS = 96 * 1024 * 1024 / BUFFER_BYTES;

    private final Queue<ByteBuffer> kept = new ConcurrentLinkedQueue<>();
    private final AtomicInteger leaked = new AtomicInteger();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (LEAK && leaked.getAndIncrement() < MAX_BUFFERS) {
            kept.add(ByteBuffer.allocateDirect(BUFFER_BYTES));
        }
        byte[] body = "{\"hello\":\"leaky\"}".getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
