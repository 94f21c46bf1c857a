package io.github.allocbench.result;

import java.util.List;
import java.util.Map;

/**
 * What the load generator did against one server, and what it cost the machine.
 *
 * @param connectionsOpened   connections that were really established (never the number asked for)
 * @param requests            responses received in the measured window, whatever their status: kept for readers
 *                            of older files, the same figure as {@code responses}
 * @param errors              failed connects (also during the ramp), failed requests, non-2xx responses, requests
 *                            unanswered for the request timeout inside the window ({@code timeout}) and requests
 *                            still unanswered when the window and its short drain were over ({@code unanswered});
 *                            each request counts once
 * @param errorsByCause       {@code errors} split by cause, e.g. {@code connect timeout}, {@code status 500},
 *                            {@code timeout}, {@code unanswered}
 * @param requestsPerSecond   {@code responses} divided by the elapsed window ({@code elapsedWindowMs}); in files
 *                            written before that field, by the nominal window
 * @param latencyMs           latency percentiles of the requests in the window; in an open-loop run measured from
 *                            each request's intended send time (corrected for coordinated omission)
 * @param rampMs              how long opening the connections took, and starting the first request on each
 * @param perSecond           responses received in each second of the window
 * @param targetRate          the requests per second asked for in an open-loop run; {@code 0} for a closed loop
 * @param sourceAddresses     loopback source addresses the connections were spread over
 * @param generatorCpuSeconds CPU time the JVM running the generator used from the ramp's start to the drain's end
 *                            (all its threads, garbage collection included)
 * @param generatorRssKb      the highest resident set size of that JVM seen during the ramp and the window
 * @param generatorJvm        where the generator ran: {@code maven} (Maven's own JVM, not the server's) or
 *                            {@code own} (a JVM of its own, e.g. the benchmark script's)
 * @param responses           responses received in the measured window, whatever their status
 * @param successes           those of them with a 2xx status
 * @param errorRatePercent    {@code errors} in percent of {@code successes + errors}, 0 to 100; {@code null} in
 *                            files written before it (then {@link Metric#ERROR_RATE} estimates it)
 * @param elapsedWindowMs     how long the measured window really lasted; {@code 0} in files written before it
 * @param foreignCpuPercent   the machine's CPU busy outside the server, the generator and Maven during the window,
 *                            in percent of all CPUs: another bench or build competing; {@code null} when unknown
 */
public record LoadResult(int connectionsOpened, long requests, long errors, Map<String, Long> errorsByCause,
                         double requestsPerSecond, LatencySummary latencyMs, long rampMs, List<Long> perSecond,
                         double targetRate, int sourceAddresses, double generatorCpuSeconds, long generatorRssKb,
                         String generatorJvm, long responses, long successes, Double errorRatePercent,
                         long elapsedWindowMs, Double foreignCpuPercent) {

    /** A result without the counting fields of later versions: every response a success unless its status erred. */
    public LoadResult(int connectionsOpened, long requests, long errors, Map<String, Long> errorsByCause,
                      double requestsPerSecond, LatencySummary latencyMs, long rampMs, List<Long> perSecond,
                      double targetRate, int sourceAddresses, double generatorCpuSeconds, long generatorRssKb,
                      String generatorJvm) {
        this(connectionsOpened, requests, errors, errorsByCause, requestsPerSecond, latencyMs, rampMs, perSecond,
                targetRate, sourceAddresses, generatorCpuSeconds, generatorRssKb, generatorJvm, requests,
                Math.max(0, requests - statusErrors(errorsByCause)), null, 0, null);
    }

    /** This result with the machine's busy share outside the bench during the window. */
    public LoadResult withForeignCpuPercent(Double percent) {
        return new LoadResult(connectionsOpened, requests, errors, errorsByCause, requestsPerSecond, latencyMs,
                rampMs, perSecond, targetRate, sourceAddresses, generatorCpuSeconds, generatorRssKb, generatorJvm,
                responses, successes, errorRatePercent, elapsedWindowMs, percent);
    }

    /** A result without the open-loop, source-address and footprint fields of later versions. */
    public LoadResult(int connectionsOpened, long requests, long errors, Map<String, Long> errorsByCause,
                      double requestsPerSecond, LatencySummary latencyMs, long rampMs, List<Long> perSecond) {
        this(connectionsOpened, requests, errors, errorsByCause, requestsPerSecond, latencyMs, rampMs, perSecond,
                0, 1, 0, 0, null);
    }

    /** The non-2xx responses among {@code errorsByCause}. */
    static long statusErrors(Map<String, Long> errorsByCause) {
        if (errorsByCause == null) {
            return 0;
        }
        return errorsByCause.entrySet().stream().filter(e -> e.getKey().startsWith("status "))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
