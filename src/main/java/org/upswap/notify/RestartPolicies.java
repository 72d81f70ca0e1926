// What a target's restart policy (as configured: none, notify, signal:NAME,
// systemd:UNIT, systemd-reload:UNIT) lets the helper do on request.
package org.upswap.notify;

final class RestartPolicies {

    private RestartPolicies() {
    }

    /**
     * Whether the helper can restart the target's processes: with "none" and
     * "notify" they have to restart by themselves (the helper answers a
     * restart request with no-restart-policy).
     */
    static boolean helperRestarts(String policy) {
        return policy != null && (policy.startsWith("signal:") || policy.startsWith("systemd:")
                || policy.startsWith("systemd-reload:"));
    }
}
