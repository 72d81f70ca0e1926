// The update and rollback result: the id of the job whose events follow.
package org.upswap.client.model;

public record JobStarted(long job) {
}
