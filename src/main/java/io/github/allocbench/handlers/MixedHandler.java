package io.github.allocbench.handlers;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Workload {@code mixed}: each request goes, at random with equal odds, to the {@code json}, {@code compression} or
 * {@code churn} workload, as one server mixes plain API calls, compressed responses and buffered I/O. The allocator
 * sees small heap-side garbage, large short-lived zlib states and a cross-thread live set at the same time.
 */
public class MixedHandler extends Handler.Abstract {

    private final Handler[] workloads = {new JsonApiHandler(), new CompressionHandler(), new NativeChurnHandler()};

    public MixedHandler() {
        for (Handler workload : workloads) {
            addBean(workload);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return workloads[ThreadLocalRandom.current().nextInt(workloads.length)].handle(request, response, callback);
    }
}
