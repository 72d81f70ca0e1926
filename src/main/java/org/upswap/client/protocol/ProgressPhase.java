// Which part of a job a `progress` event measures.
package org.upswap.client.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

public enum ProgressPhase implements WireEnum {
    DOWNLOAD("download"),
    INSTALL("install");

    private final String wireName;

    ProgressPhase(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for a name outside the set */
    @JsonCreator
    public static ProgressPhase fromWire(String name) {
        return WireEnum.parse(ProgressPhase.class, "progress phase", name);
    }
}
