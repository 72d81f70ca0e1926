// The binary a rollback would restore.
package org.upswap.client.model;

/** @param version null when the previous binary's version was never known */
public record Previous(String version, String sha256) {

    public Previous {
        Fields.required(sha256, "sha256");
    }
}
