package io.github.allocbench.load;

import io.github.allocbench.result.RequestShape;
import io.github.allocbench.units.ConfigurationException;

import java.time.Duration;

/**
 * What load to put on one server.
 *
 * @param host            address of the server; always a loopback address
 * @param port            port of the server
 * @param connections     keep-alive connections to open and hold, at most one request in flight on each
 * @param duration        length of the measured window, after all connections are open
 * @param path            request path, e.g. {@code /}; used only when {@code request} is {@code null}
 * @param request         method, paths, headers and body of the requests; {@code null} for one {@code GET path}
 * @param rate            requests per second over all connections (open loop, latencies corrected for coordinated
 *                        omission); {@code 0} for a closed loop, each connection sending again as soon as its
 *                        response is in
 * @param sourceAddresses loopback source addresses to spread the connections over; {@code 0} picks the fewest the
 *                        local port range allows
 * @param settle          how long the load runs at full size after the ramp before the measured window opens, so
 *                        that the window times a settled generator and server rather than their JIT compilers; its
 *                        responses are not counted, its errors are
 * @param requestTimeout  how long a request may wait for its response before it counts as a {@code timeout};
 *                        {@code null} for 10 s, and never longer than the window (see
 *                        {@link #effectiveRequestTimeout()})
 */
public record LoadSettings(String host, int port, int connections, Duration duration, String path,
                           RequestShape request, double rate, int sourceAddresses,
                           Duration settle, Duration requestTimeout) {

    /** How long a request may wait for its response before it counts as a {@code timeout}, unless set. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public LoadSettings {
        settle = settle == null ? Duration.ZERO : settle;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new ConfigurationException("requestTimeout is " + requestTimeout + "; set <requestTimeout> (or "
                    + "-Dallocbench.requestTimeout) above 0, e.g. 10s.");
        }
        if (settle.isNegative()) {
            throw new ConfigurationException("settle is negative; set <settle> (or -Dallocbench.settle) to 0s or "
                    + "more, e.g. 3s.");
        }
        if (request == null) {
            request = RequestShape.get(path);
        }
        if (Double.isNaN(rate) || Double.isInfinite(rate) || rate < 0) {
            throw new ConfigurationException("rate is " + rate + "; set <rate> (or -Dallocbench.rate) to 0 for a "
                    + "closed loop or to a number of requests per second above 0, e.g. 5000.");
        }
        if (sourceAddresses < 0 || sourceAddresses > SourceAddresses.MAX_ADDRESSES) {
            throw new ConfigurationException("sourceAddresses is " + sourceAddresses + "; it must be 0 (automatic) "
                    + "to " + SourceAddresses.MAX_ADDRESSES + ".");
        }
    }

    /** A closed loop of {@code GET path} from as few source addresses as the port range allows. */
    public LoadSettings(String host, int port, int connections, Duration duration, String path) {
        this(host, port, connections, duration, path, null, 0, 0, Duration.ZERO, null);
    }

    /** These settings with another request shape. */
    public LoadSettings withRequest(RequestShape shape) {
        return new LoadSettings(host, port, connections, duration, path, shape, rate, sourceAddresses, settle,
                requestTimeout);
    }

    /** These settings with another rate; {@code 0} is a closed loop. */
    public LoadSettings withRate(double requestsPerSecond) {
        return new LoadSettings(host, port, connections, duration, path, request, requestsPerSecond, sourceAddresses,
                settle, requestTimeout);
    }

    /** These settings with exactly {@code count} source addresses; {@code 0} picks them automatically. */
    public LoadSettings withSourceAddresses(int count) {
        return new LoadSettings(host, port, connections, duration, path, request, rate, count, settle, requestTimeout);
    }

    /** These settings with another number of connections. */
    public LoadSettings withConnections(int count) {
        return new LoadSettings(host, port, count, duration, path, request, rate, sourceAddresses, settle,
                requestTimeout);
    }

    /** These settings with another measured window. */
    public LoadSettings withDuration(Duration window) {
        return new LoadSettings(host, port, connections, window, path, request, rate, sourceAddresses, settle,
                requestTimeout);
    }

    /** These settings with another settle time after the ramp. */
    public LoadSettings withSettle(Duration time) {
        return new LoadSettings(host, port, connections, duration, path, request, rate, sourceAddresses, time,
                requestTimeout);
    }

    /** These settings with another request timeout. */
    public LoadSettings withRequestTimeout(Duration timeout) {
        return new LoadSettings(host, port, connections, duration, path, request, rate, sourceAddresses, settle,
                timeout);
    }

    /**
     * The request timeout this run applies: the one asked for, but never longer than the measured window, so that a
     * server that stops answering is found inside the window rather than never.
     */
    public Duration effectiveRequestTimeout() {
        return duration != null && duration.compareTo(requestTimeout) < 0 ? duration : requestTimeout;
    }

    /** Whether this is an open-loop, fixed-rate run. */
    public boolean openLoop() {
        return rate > 0;
    }
}
