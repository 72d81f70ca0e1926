// The newest release a target's feed offers over what is installed.
package org.upswap.client.model;

/** @param size bytes */
public record Available(String version, long size, String sha256, String notes, boolean critical) {

    public Available {
        Fields.required(version, "version");
        Fields.required(sha256, "sha256");
        notes = notes == null ? "" : notes;
    }
}
