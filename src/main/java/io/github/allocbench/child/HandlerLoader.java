package io.github.allocbench.child;

import org.eclipse.jetty.server.Handler;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Creates the project's {@link Handler} inside the forked server from its class name, through the public no-argument
 * constructor. Every way this goes wrong becomes one {@link IllegalArgumentException} whose message names the class
 * and says what to change, because that message is what the user reads in the build output. Its cause is set only
 * when the project's code threw, since only then does a stack trace help.
 */
public final class HandlerLoader {

    private HandlerLoader() {
    }

    /**
     * A new instance of {@code className}, loaded through {@code loader}.
     *
     * @throws IllegalArgumentException naming the class and the fix when it cannot be loaded or created
     */
    public static Handler load(String className, ClassLoader loader) {
        if (className == null) {
            throw new IllegalArgumentException("No handler class was named. Set <handler> to the fully qualified name"
                    + " of your org.eclipse.jetty.server.Handler.");
        }
        Class<?> type = loadClass(className, loader);
        if (!Handler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " is not an org.eclipse.jetty.server.Handler (Jetty 12)."
                    + " Make it extend org.eclipse.jetty.server.Handler.Abstract, or set <handler> to a class that"
                    + " does.");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(className + " is abstract. Set <handler> to a concrete subclass.");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " has no public no-argument constructor. Add one: the"
                    + " forked server creates the handler with new " + type.getSimpleName() + "().");
        }
        try {
            return (Handler) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("new " + className + "() threw " + e.getCause()
                    + ". Fix the constructor; the stack trace is in the forked server's log.", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(className + " is not public. Make the class and its no-argument"
                    + " constructor public.");
        } catch (InstantiationException e) {
            throw new IllegalArgumentException(className + " cannot be instantiated: " + e
                    + ". Set <handler> to a concrete class.");
        }
    }

    private static Class<?> loadClass(String className, ClassLoader loader) {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Handler class " + className + " was not found on the forked server's"
                    + " classpath. Check <handler> (a fully qualified class name) and that the class is compiled in"
                    + " this project (the bench runs after compile, e.g. in mvn verify).");
        } catch (ExceptionInInitializerError e) {
            throw new IllegalArgumentException("The static initializer of " + className + " threw " + e.getCause()
                    + ". Fix it; the stack trace is in the forked server's log.", e.getCause());
        } catch (LinkageError e) {
            throw new IllegalArgumentException(className + " could not be loaded: " + e + ". A class it uses is"
                    + " missing or incompatible; add the dependency to the project's runtime classpath, and use"
                    + " Jetty 12 (not Servlet/Jetty 11 classes).", e);
        }
    }
}
