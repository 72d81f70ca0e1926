// The subscribe result; events follow on the same connection.
package org.upswap.client.model;

public record SubscribeResult(boolean subscribed) {
}
