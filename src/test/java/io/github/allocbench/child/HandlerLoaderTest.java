package io.github.allocbench.child;

import io.github.allocbench.fork.HelloHandler;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlerLoaderTest {

    private static final ClassLoader LOADER = HandlerLoaderTest.class.getClassLoader();

    public static class NotAHandler {
    }

    public abstract static class AbstractHandler extends Handler.Abstract {
    }

    public static class NeedsConfig extends HelloHandler {
        public NeedsConfig(String config) {
        }
    }

    public static class Throws extends HelloHandler {
        public Throws() {
            throw new IllegalStateException("no database");
        }
    }

    static class Hidden extends Handler.Abstract {
        Hidden() {
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            return false;
        }
    }

    private static String name(Class<?> type) {
        return type.getName();
    }

    @Test
    void createsTheHandler() {
        assertThat(HandlerLoader.load(name(HelloHandler.class), LOADER)).isInstanceOf(HelloHandler.class);
    }

    @Test
    void aMissingClassIsNamedWithTheFix() {
        assertThatThrownBy(() -> HandlerLoader.load("com.example.Nope", LOADER))
                .hasMessageStartingWith("Handler class com.example.Nope was not found on the forked server's classpath.")
                .hasMessageContaining("Check <handler>");
    }

    @Test
    void noClassNamedSaysToSetHandler() {
        assertThatThrownBy(() -> HandlerLoader.load(null, LOADER)).hasMessageContaining("Set <handler>");
    }

    @Test
    void aClassThatIsNotAHandlerIsRejected() {
        assertThatThrownBy(() -> HandlerLoader.load(name(NotAHandler.class), LOADER))
                .hasMessage(name(NotAHandler.class) + " is not an org.eclipse.jetty.server.Handler (Jetty 12). Make it"
                        + " extend org.eclipse.jetty.server.Handler.Abstract, or set <handler> to a class that does.");
    }

    @Test
    void anAbstractHandlerIsRejected() {
        assertThatThrownBy(() -> HandlerLoader.load(name(AbstractHandler.class), LOADER))
                .hasMessage(name(AbstractHandler.class) + " is abstract. Set <handler> to a concrete subclass.");
    }

    @Test
    void aHandlerWithoutANoArgConstructorIsRejected() {
        assertThatThrownBy(() -> HandlerLoader.load(name(NeedsConfig.class), LOADER))
                .hasMessageStartingWith(name(NeedsConfig.class) + " has no public no-argument constructor. Add one");
    }

    @Test
    void aConstructorThatThrowsIsReportedWithItsCause() {
        assertThatThrownBy(() -> HandlerLoader.load(name(Throws.class), LOADER))
                .hasMessageStartingWith("new " + name(Throws.class)
                        + "() threw java.lang.IllegalStateException: no database. Fix the constructor")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConstructorThatIsNotPublicIsRejected() {
        assertThatThrownBy(() -> HandlerLoader.load(name(Hidden.class), LOADER))
                .hasMessageStartingWith(name(Hidden.class) + " has no public no-argument constructor");
    }
}
