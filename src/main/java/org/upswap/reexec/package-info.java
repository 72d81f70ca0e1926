/**
 * Lets a long-running Java program move onto its updated jar (or launcher)
 * by itself, at a safe point of its choosing, keeping its pid and its
 * listening socket: the Java side of {@code libupswap-reexec}.
 *
 * <p>upswap replaces files with {@code rename()}: a running JVM keeps the old
 * inode open and goes on with the old code. {@link org.upswap.reexec.Reexec}
 * notices the new file ({@link org.upswap.reexec.InstalledFile}), runs the
 * program's safe-point callbacks and then execs the same command line in
 * place (same pid), handing one listening socket over as standard input —
 * the inetd convention {@link java.lang.System#inheritedChannel()} already
 * understands. Where an in-place exec is impossible, it starts the new
 * version as a new process and exits. See docs/reexec.md.
 *
 * <p>This package depends on nothing else in upswap (only the JDK and
 * jnr-posix) and ships as its own small jar, {@code upswap-reexec.jar}.
 */
package org.upswap.reexec;
