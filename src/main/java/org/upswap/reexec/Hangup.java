// SIGHUP for a Java program: by default the JVM treats it as a request to
// end (shutdown hooks, exit status 129), which would turn the restart policy
// signal:HUP into a stop. This installs a handler through the JDK's
// sun.misc.Signal (module jdk.unsupported, exported for exactly this use),
// looked up reflectively so the library compiles without internal-API
// warnings and fails with a clear message where that API is absent.
package org.upswap.reexec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

final class Hangup {

    private Hangup() {
    }

    /** Runs {@code action} on the JVM's signal thread at each SIGHUP, instead of ending the JVM. */
    static void handle(Runnable action) throws ReexecException {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> signal = signalClass.getConstructor(String.class);
            Object handler = Proxy.newProxyInstance(Hangup.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.run();
                            return null;
                        }
                        // Object's methods, for whoever looks at the handler.
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "upswap SIGHUP handler";
                        };
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            handle.invoke(null, signal.newInstance("HUP"), handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable why = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            throw new ReexecException("cannot handle SIGHUP in this JVM (sun.misc.Signal): " + why, why);
        }
    }
}
