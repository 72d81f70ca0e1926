// A process still running a replaced copy of a target's binary: it keeps the
// old inode until it restarts.
package org.upswap.client.model;

/** @param command its command line, as the helper read it from /proc (may be cut short) */
public record ProcessInfo(long pid, long uid, String command) {

    public ProcessInfo {
        Fields.required(command, "command");
    }
}
