// What a notice is about. Each kind has its own rate limit and its own
// category hint, so notification servers can tell them apart.
package org.upswap.notify;

public enum NoticeKind {
    /** A newer version is offered. */
    UPDATE_AVAILABLE("x-upswap.update-available", "software-update-available"),
    /** An update is installed but processes still run the replaced binary. */
    RESTART_NEEDED("x-upswap.restart-needed", "software-update-available"),
    /** An update the user started from a notice went through. */
    UPDATED("x-upswap.updated", "software-update-available"),
    /** A job failed. */
    FAILED("x-upswap.failed", "dialog-error");

    private final String category;
    private final String icon;

    NoticeKind(String category, String icon) {
        this.category = category;
        this.icon = icon;
    }

    /** The {@code category} hint: the spec has no update category, so a vendor one ("x-"). */
    public String category() {
        return category;
    }

    /** A freedesktop icon-naming-spec name every icon theme has. */
    public String icon() {
        return icon;
    }
}
