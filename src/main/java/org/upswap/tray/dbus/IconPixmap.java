// One picture of an icon as StatusNotifierItem sends it over the bus,
// signature (iiay): width, height and ARGB32 pixels in network byte order,
// row by row.
package org.upswap.tray.dbus;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

public final class IconPixmap extends Struct {

    @Position(0)
    public final int width;
    @Position(1)
    public final int height;
    @Position(2)
    public final byte[] argb;

    public IconPixmap(int width, int height, byte[] argb) {
        if (argb.length != 4L * width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " pixmap needs "
                    + 4L * width * height + " bytes, got " + argb.length);
        }
        this.width = width;
        this.height = height;
        this.argb = argb;
    }
}
