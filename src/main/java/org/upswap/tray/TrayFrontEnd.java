// One way of showing the tray icon (a StatusNotifierItem, an AWT tray
// icon). The tray calls it on the tray thread only.
package org.upswap.tray;

interface TrayFrontEnd extends AutoCloseable {

    /** Shows {@code look}, sending hosts only what differs from the last one. */
    void show(TrayLook look);

    /** Removes the icon; idempotent. */
    @Override
    void close();
}
