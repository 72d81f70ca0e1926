// Where the helper's two sockets are. For each socket the first of these
// wins: its own flag (--socket / --poke-socket), --root DIR, its own
// environment variable (UPSWAP_SOCKET / UPSWAP_POKE_SOCKET), UPSWAP_ROOT,
// the default under /run/upswap.
package org.upswap.client;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

public record SocketPaths(Path helper, Path poke) {

    public static final String ENV_SOCKET = "UPSWAP_SOCKET";
    public static final String ENV_POKE_SOCKET = "UPSWAP_POKE_SOCKET";
    public static final String ENV_ROOT = "UPSWAP_ROOT";

    private static final String HELPER_UNDER_ROOT = "run/upswap/helper.sock";
    private static final String POKE_UNDER_ROOT = "run/upswap/poke.sock";

    /** {@code /run/upswap/helper.sock} and {@code /run/upswap/poke.sock}. */
    public static final SocketPaths DEFAULT = underRoot(Path.of("/"));

    public SocketPaths {
        Objects.requireNonNull(helper, "helper");
        Objects.requireNonNull(poke, "poke");
    }

    /** The sockets of a helper started with {@code --root root}. */
    public static SocketPaths underRoot(Path root) {
        return new SocketPaths(root.resolve(HELPER_UNDER_ROOT), root.resolve(POKE_UNDER_ROOT));
    }

    /**
     * Applies the precedence above.
     *
     * @param socketFlag {@code --socket}, or null
     * @param pokeSocketFlag {@code --poke-socket}, or null
     * @param rootFlag {@code --root}, or null
     * @param env the environment, e.g. {@code System.getenv()}
     */
    public static SocketPaths resolve(Path socketFlag, Path pokeSocketFlag, Path rootFlag, Map<String, String> env) {
        SocketPaths fromEnvRoot = nonEmpty(env.get(ENV_ROOT)) ? underRoot(Path.of(env.get(ENV_ROOT))) : DEFAULT;
        SocketPaths fromFlagRoot = rootFlag != null ? underRoot(rootFlag) : null;
        Path helper = firstOf(socketFlag, fromFlagRoot == null ? null : fromFlagRoot.helper(),
                envPath(env, ENV_SOCKET), fromEnvRoot.helper());
        Path poke = firstOf(pokeSocketFlag, fromFlagRoot == null ? null : fromFlagRoot.poke(),
                envPath(env, ENV_POKE_SOCKET), fromEnvRoot.poke());
        return new SocketPaths(helper, poke);
    }

    private static Path envPath(Map<String, String> env, String name) {
        String value = env.get(name);
        return nonEmpty(value) ? Path.of(value) : null;
    }

    private static boolean nonEmpty(String value) {
        return value != null && !value.isEmpty();
    }

    private static Path firstOf(Path... candidates) {
        for (Path candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        throw new IllegalStateException("the last candidate is never null");
    }
}
