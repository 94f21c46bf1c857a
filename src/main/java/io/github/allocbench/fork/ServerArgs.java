package io.github.allocbench.fork;

import java.util.ArrayList;
import java.util.List;

/**
 * The named arguments of {@code ServerMain}, written by the host's {@link ForkCommand} and read by the child, in
 * one place so that both agree: {@code --link-port N [--handler CLASS] [--default-handler CLASS] --threads N}.
 *
 * @param linkPort       the host's link port on 127.0.0.1
 * @param handler        the project's handler class, or {@code null} when the project names none
 * @param defaultHandler the built-in handler class used when {@code handler} is {@code null}, or {@code null}
 * @param threads        the size of the server's fixed thread pool
 */
public record ServerArgs(int linkPort, String handler, String defaultHandler, int threads) {

    /** The forked server's entry point, named here so that the host side never loads child code. */
    public static final String MAIN_CLASS = "io.github.allocbench.child.ServerMain";

    /** The pool size when none is given: enough for Jetty's acceptors and selectors plus request work. */
    public static final int DEFAULT_THREADS = 64;

    public ServerArgs {
        if (linkPort < 1 || linkPort > 65535) {
            throw new IllegalArgumentException("--link-port " + linkPort + " is not a port (1-65535).");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads " + threads + " must be at least 1.");
        }
        handler = blankToNull(handler);
        defaultHandler = blankToNull(defaultHandler);
    }

    /** The handler class to load: the project's, else the default, else {@code null}. */
    public String handlerToLoad() {
        return handler != null ? handler : defaultHandler;
    }

    /** The arguments as they go on the command line. */
    public List<String> toList() {
        List<String> args = new ArrayList<>(List.of("--link-port", Integer.toString(linkPort)));
        if (handler != null) {
            args.addAll(List.of("--handler", handler));
        }
        if (defaultHandler != null) {
            args.addAll(List.of("--default-handler", defaultHandler));
        }
        args.addAll(List.of("--threads", Integer.toString(threads)));
        return List.copyOf(args);
    }

    /**
     * The arguments in {@code args}.
     *
     * @throws IllegalArgumentException naming an unknown, valueless or malformed argument, or a missing link port
     */
    public static ServerArgs parse(String... args) {
        Integer linkPort = null;
        String handler = null;
        String defaultHandler = null;
        int threads = DEFAULT_THREADS;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " has no value.");
            }
            String value = args[i + 1];
            switch (name) {
                case "--link-port" -> linkPort = number(name, value);
                case "--handler" -> handler = value;
                case "--default-handler" -> defaultHandler = value;
                case "--threads" -> threads = number(name, value);
                default -> throw new IllegalArgumentException("Unknown argument " + name
                        + "; ServerMain takes --link-port, --handler, --default-handler and --threads.");
            }
        }
        if (linkPort == null) {
            throw new IllegalArgumentException("--link-port is missing; ServerMain is started by the"
                    + " allocator-maven-plugin, which passes it.");
        }
        return new ServerArgs(linkPort, handler, defaultHandler, threads);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is '" + value + "', not a number.", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
