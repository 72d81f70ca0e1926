// Pictures in StatusNotifierItem's pixmap format: ARGB32 in network byte
// order (alpha first, big-endian), row by row, not premultiplied.
package org.upswap.tray;

import java.awt.image.BufferedImage;
import java.util.List;
import org.upswap.tray.dbus.IconPixmap;

final class IconPixmaps {

    private IconPixmaps() {
    }

    static List<IconPixmap> of(List<BufferedImage> images) {
        return images.stream().map(IconPixmaps::of).toList();
    }

    static IconPixmap of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] argb = new byte[4 * width * height];
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // getRGB converts any source format to non-premultiplied sRGB ARGB.
                int pixel = image.getRGB(x, y);
                argb[i++] = (byte) (pixel >>> 24);
                argb[i++] = (byte) (pixel >>> 16);
                argb[i++] = (byte) (pixel >>> 8);
                argb[i++] = (byte) pixel;
            }
        }
        return new IconPixmap(width, height, argb);
    }
}
