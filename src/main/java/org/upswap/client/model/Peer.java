// Who the helper believes is connected, from SO_PEERCRED (hello result).
package org.upswap.client.model;

public record Peer(long uid, long pid) {
}
