package org.upswap.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.upswap.reexec.Reexec;
import org.upswap.reexec.ReexecException;

/**
 * A small Java HTTP server that moves onto its new jar with
 * {@link Reexec}: the Java counterpart of helper/demo/upswap-demo.c, run by
 * {@link JavaReexecIT} from a jar the real helper swaps. Its version is a
 * resource in that jar.
 *
 * <p>Usage: {@code ReexecDemoApp INSTALLED_JAR PORT [--relaunch]}
 */
public final class ReexecDemoApp {
    static final String VERSION_RESOURCE = "upswap-demo-version.txt";

    public static void main(String[] args) throws Exception {
        Path installed = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String version = version();
        long pid = ProcessHandle.current().pid();
        ServerSocketChannel listener;
        var inherited = Reexec.inheritedListener();
        if (inherited.isPresent()) {
            listener = inherited.get();
            System.out.println("upswap-demo " + version + " (pid " + pid + ") took over the listening socket");
        } else {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            System.out.println("upswap-demo " + version + " (pid " + pid + ") listening");
        }
        Reexec reexec = Reexec.watching(installed).handOver(listener)
                .beforeRestart(() -> System.out.println("upswap-demo " + version + " (pid " + pid + ") restarting"));
        if (args.length > 2 && args[2].equals("--relaunch")) {
            reexec.relaunching();
        }
        listener.configureBlocking(false);
        Selector selector = Selector.open();
        // restart = signal:HUP: wake up and look now, instead of the JVM's default (ending).
        reexec.onHangup(() -> {
            System.out.println("upswap-demo " + version + " (pid " + pid + ") SIGHUP: looking now");
            selector.wakeup();
        });
        listener.register(selector, SelectionKey.OP_ACCEPT);
        byte[] body = ("upswap-demo " + version + " pid " + pid + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        while (true) {
            selector.select(200);
            selector.selectedKeys().clear();
            SocketChannel conn;
            while ((conn = listener.accept()) != null) {
                serve(conn, head, body);
            }
            // The safe point: no connection is half served.
            try {
                reexec.restartIfReplaced();
            } catch (ReexecException e) {
                System.out.println("restart failed: " + e.getMessage());
            }
        }
    }

    private static void serve(SocketChannel conn, byte[] head, byte[] body) {
        try (conn) {
            conn.configureBlocking(true);
            conn.socket().setSoTimeout(2000);
            ByteBuffer in = ByteBuffer.allocate(4096);
            InputStream is = conn.socket().getInputStream();
            String req = "";
            while (!req.contains("\r\n\r\n") && in.hasRemaining()) {
                int n = is.read(in.array(), in.position(), in.remaining());
                if (n < 0) {
                    return;
                }
                in.position(in.position() + n);
                req = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
            }
            conn.write(ByteBuffer.wrap(head));
            conn.write(ByteBuffer.wrap(body));
        } catch (IOException clientWentAway) {
            // the next one
        }
    }

    static String version() throws IOException {
        try (InputStream in = ReexecDemoApp.class.getClassLoader().getResourceAsStream(VERSION_RESOURCE)) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
