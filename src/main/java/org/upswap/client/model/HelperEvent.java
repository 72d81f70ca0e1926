// An event pushed by the helper to subscribed clients; one record per event
// name, so a switch over HelperEvent covers the protocol's whole set.
package org.upswap.client.model;

import org.upswap.client.protocol.EventName;

public sealed interface HelperEvent permits StateEvent, ProgressEvent, CheckedEvent, UpdatedEvent, ErrorEvent,
        RestartedEvent {

    /** The event's name on the wire. */
    EventName name();

    /** The name of the target this event is about, or null if it is about none. */
    String targetName();

    /** True if this event reports on job {@code job}. */
    default boolean concernsJob(long job) {
        return false;
    }
}
