// Whether the network connection is metered (mobile data, a phone hotspot)
// as the system sees it. Answers at once: implementations keep the last
// known value rather than asking anyone while a button is being clicked.
package org.upswap.app;

public interface NetworkMeter {

    /** For systems that cannot tell: never metered. */
    NetworkMeter UNKNOWN = () -> false;

    boolean metered();
}
