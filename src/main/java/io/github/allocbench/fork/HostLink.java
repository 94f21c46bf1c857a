package io.github.allocbench.fork;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The host's end of the link to one forked child: listens on 127.0.0.1 at a free port (passed to the child as a named
 * argument), accepts the child's connection, and from then on queues what the child sends as {@link Event}s and sends
 * it {@link LinkMessage}s, all through {@link LinkCodec}. The child's stdout stays free for whatever its code prints.
 */
public final class HostLink implements AutoCloseable {

    private static final int POLL_MILLIS = 50;

    private final ServerSocket listener;
    private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
    private Socket socket;
    private Writer out;

    private HostLink(ServerSocket listener) {
        this.listener = listener;
    }

    /**
     * Opens the listening port.
     *
     * @throws IOException when no port on 127.0.0.1 can be opened
     */
    public static HostLink listen() throws IOException {
        return new HostLink(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    }

    /** The port the child must connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Waits for the child to connect, then reads its messages on a daemon thread. Messages {@code consumed} accepts
     * are not queued: it sees them first, on the reading thread.
     *
     * @param child    the child expected to connect; waiting ends when it exits
     * @param deadline the {@link System#nanoTime()} after which waiting ends
     * @return whether the child connected; when not, it exited or the deadline passed
     * @throws IOException when the link broke while being set up
     */
    public boolean accept(ChildProcess child, long deadline, Predicate<LinkMessage> consumed) throws IOException {
        listener.setSoTimeout(POLL_MILLIS);
        try {
            while (socket == null) {
                try {
                    socket = listener.accept();
                } catch (SocketTimeoutException e) {
                    if (!child.isAlive() || System.nanoTime() - deadline > 0) {
                        return false;
                    }
                }
            }
        } finally {
            listener.close();
        }
        out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> read(in, consumed), "allocbench-link-" + child.pid());
        reader.setDaemon(true);
        reader.start();
        return true;
    }

    private void read(BufferedReader in, Predicate<LinkMessage> consumed) {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                try {
                    LinkMessage message = LinkCodec.decode(line);
                    if (!consumed.test(message)) {
                        inbox.add(new Received(message));
                    }
                } catch (IllegalArgumentException e) {
                    inbox.add(new Garbled(e.getMessage()));
                }
            }
        } catch (IOException e) {
            // A reset link is a closed link: the child is gone either way.
        }
        inbox.add(new Closed());
    }

    /**
     * The next event from the child, waiting at most {@code millis}.
     *
     * @return the event, or {@code null} when none came in time
     */
    public Event poll(long millis) throws InterruptedException {
        return inbox.poll(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** Sends {@code message}; says whether it went out (a child that closed its end cannot be told anything). */
    public synchronized boolean send(LinkMessage message) {
        if (out == null) {
            return false;
        }
        try {
            out.write(LinkCodec.encode(message) + "\n");
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the link; a child that is still connected takes this as the host being gone and exits. */
    @Override
    public void close() {
        try {
            listener.close();
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }

    /** What the reading thread saw on the link. */
    public sealed interface Event {
    }

    /**
     * A message of the protocol.
     *
     * @param message the message
     */
    public record Received(LinkMessage message) implements Event {
    }

    /**
     * A line that is not a message of the protocol.
     *
     * @param problem what is wrong with it, quoting it
     */
    public record Garbled(String problem) implements Event {
    }

    /** The child closed its end: it exited or is exiting. */
    public record Closed() implements Event {
    }
}
