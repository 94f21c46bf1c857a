package com.example;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Allocates a 64 KiB direct buffer per request and keeps the last 1,024 of them (64 MiB): native memory outside the
 * heap that grows under load, shows in the direct buffer pool and in NMT's "Other" category.
 */
public class DirectBufferHandler extends Handler.Abstract.NonBlocking {

    private static final int RING = 1024;
    private static final int SIZE = 64 * 1024;

    private final AtomicReferenceArray<ByteBuffer> ring = new AtomicReferenceArray<>(RING);
    private final AtomicLong requests = new AtomicLong();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long n = requests.getAndIncrement();
        ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE);
        buffer.putLong(0, n);
        ring.set((int) (n % RING), buffer);
        byte[] body = ("{\"request\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
