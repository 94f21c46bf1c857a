package io.github.allocbench.load;

import java.time.Duration;

/**
 * What load to put on one server.
 *
 * @param host        address of the server; always a loopback address
 * @param port        port of the server
 * @param connections keep-alive connections to open and hold, one request in flight on each
 * @param duration    length of the measured window, after all connections are open
 * @param path        request path, e.g. {@code /}
 */
public record LoadSettings(String host, int port, int connections, Duration duration, String path) {
}
