package io.github.allocbench.handlers;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Workload {@code churn}: native buffers of varied sizes freed by other threads, as networking libraries and caches
 * do (Netty's pooled direct buffers, a response cache, a compression codec's window handed between threads). Each
 * request mallocs one block of log-uniform size between 512 B and 256 KiB, writes it, and stores it in a slot of a
 * ring of 4,096 slots shared by all threads; the block it displaces, usually malloc'd by another thread, is freed.
 * So the live native set stays around 4,096 blocks of mixed sizes while allocation and free cross threads — the
 * pattern where glibc's per-thread arenas fragment and allocators' caches differ. Blocks are malloc'd and freed
 * directly (see {@link NativeMemory}) so frees happen on the request, not at garbage collection. Stopping the
 * handler frees what the ring still holds.
 */
public class NativeChurnHandler extends Handler.Abstract.NonBlocking {

    /** Slots of the shared ring: the live set is about this many blocks. */
    public static final int SLOTS = 4096;
    static final int MIN_BLOCK = 512;
    static final int MAX_BLOCK = 256 * 1024;

    private final AtomicLongArray ring = new AtomicLongArray(SLOTS);
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicLong mallocs = new AtomicLong();
    private final AtomicLong frees = new AtomicLong();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int size = (int) Math.exp(random.nextDouble(Math.log(MIN_BLOCK), Math.log(MAX_BLOCK)));
        long block = NativeMemory.allocate(size);
        // The block carries its own size so whichever thread frees it can account for it.
        NativeMemory.putLong(block, size);
        mallocs.incrementAndGet();
        liveBytes.addAndGet(size);
        int slot = random.nextInt(SLOTS);
        release(ring.getAndSet(slot, block));
        byte[] body = ("{\"slot\":" + slot + ",\"bytes\":" + size + "}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    @Override
    protected void doStop() throws Exception {
        for (int i = 0; i < SLOTS; i++) {
            release(ring.getAndSet(i, 0L));
        }
        super.doStop();
    }

    /** Bytes malloc'd by requests and not yet freed. */
    public long liveBytes() {
        return liveBytes.get();
    }

    /** Blocks malloc'd since the handler was created. */
    public long mallocs() {
        return mallocs.get();
    }

    /** Blocks freed since the handler was created. */
    public long frees() {
        return frees.get();
    }

    private void release(long block) {
        if (block != 0L) {
            liveBytes.addAndGet(-NativeMemory.getLong(block));
            NativeMemory.free(block);
            frees.incrementAndGet();
        }
    }
}
