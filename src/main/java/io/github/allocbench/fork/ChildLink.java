package io.github.allocbench.fork;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A forked child's end of the link to the host that started it, for the server and the load generator alike:
 * connects back to the host's port on 127.0.0.1, sends {@link LinkMessage}s and hands the host's messages to a
 * listener on a thread of its own, then tells it when the link closes, which means the host is gone.
 */
public final class ChildLink {

    private final Socket socket;
    private final Writer out;

    private ChildLink(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * Connects to the host's link.
     *
     * @throws IOException when the host cannot be reached
     */
    public static ChildLink connect(int port) throws IOException {
        return new ChildLink(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /**
     * Reads the host's messages on a new thread, passing each to {@code onMessage}, and runs {@code onClosed} when the
     * link closes. A line that is not a message is reported on stderr and skipped.
     */
    public void listen(Consumer<LinkMessage> onMessage, Runnable onClosed) {
        Thread listener = new Thread(() -> {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    try {
                        onMessage.accept(LinkCodec.decode(line));
                    } catch (IllegalArgumentException e) {
                        System.err.println("[allocbench] Ignoring: " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                System.err.println("[allocbench] Link read failed: " + e);
            }
            onClosed.run();
        }, "allocbench-link");
        listener.start();
    }

    /** Sends {@code message} to the host; a failure is reported on stderr, since nobody else would hear of it. */
    public synchronized void send(LinkMessage message) {
        try {
            out.write(LinkCodec.encode(message) + "\n");
            out.flush();
        } catch (IOException e) {
            System.err.println("[allocbench] Could not send " + message + " to the host: " + e);
        }
    }
}
