// Presence checks for the record constructors: a field the protocol says is
// always there must not silently become null when a helper leaves it out.
package org.upswap.client.model;

import java.util.List;

final class Fields {

    private Fields() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    static <T> List<T> requiredList(List<T> value, String field) {
        return List.copyOf(required(value, field));
    }

    /** A list a newer field brought: absent (an older helper) reads as empty. */
    static <T> List<T> listOrEmpty(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }
}
