package org.upswap.reexec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The fd number of a listening TCP channel, found the way {@code ss -lp}
 * does: the socket's inode from /proc/net/tcp{,6} by its local port, then
 * the fd in /proc/self/fd that links to {@code socket:[inode]}. No
 * reflection into JDK internals, so it works without --add-opens.
 */
final class ListenerFd {
    private static final String LISTEN = "0A";

    private ListenerFd() {
    }

    static int of(ServerSocketChannel channel) throws IOException {
        SocketAddress local = channel.getLocalAddress();
        if (!(local instanceof InetSocketAddress inet)) {
            throw new IOException("only TCP listeners can be handed over, not " + local);
        }
        String port = String.format(Locale.ROOT, "%04X", inet.getPort());
        Set<String> inodes = new HashSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(":" + port) && f[3].equals(LISTEN)) {
                    inodes.add(f[9]);
                }
            }
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                String link;
                try {
                    link = Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (link.startsWith("socket:[") && inodes.contains(link.substring(8, link.length() - 1))) {
                    return Integer.parseInt(fd.getFileName().toString());
                }
            }
        }
        throw new IOException("no open fd of this process listens on port " + inet.getPort());
    }
}
