// The helper's counters since it started (status result).
package org.upswap.client.model;

public record Stats(long checks, long pokes, long pokesIgnored, long updates, long rollbacks, long errors) {
}
