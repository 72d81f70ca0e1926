// The binary a target has now.
package org.upswap.client.model;

/**
 * @param version null when upswap never installed it and no feed release has its hash
 * @param modified true when it was changed behind the helper's back
 */
public record Installed(String version, String sha256, boolean modified) {

    public Installed {
        Fields.required(sha256, "sha256");
    }
}
