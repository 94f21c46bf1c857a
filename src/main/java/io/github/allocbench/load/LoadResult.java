package io.github.allocbench.load;

import java.util.List;
import java.util.Map;

/**
 * What the load generator did against one server.
 *
 * @param connectionsOpened  connections that were really established (never the number asked for)
 * @param requests           responses received in the measured window, whatever their status
 * @param errors             failed connects (also during the ramp), failed requests and non-2xx responses
 * @param errorsByCause      {@code errors} split by cause, e.g. {@code connect timeout}, {@code status 500}
 * @param requestsPerSecond  {@code requests} divided by the measured window
 * @param latencyMs          latency percentiles of the requests in the window
 * @param rampMs             how long opening the connections took, and starting the first request on each
 * @param perSecond          responses received in each second of the window
 */
public record LoadResult(int connectionsOpened, long requests, long errors, Map<String, Long> errorsByCause,
                         double requestsPerSecond, LatencySummary latencyMs, long rampMs, List<Long> perSecond) {
}
