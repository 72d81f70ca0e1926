// Pictures become StatusNotifierItem pixmaps: ARGB, alpha first, big-endian,
// row by row, whatever the picture's own pixel layout.
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.upswap.tray.dbus.IconPixmap;

class IconPixmapsTest {

    @Test
    void pixelsAreArgbInNetworkByteOrderRowByRow() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x80_11_22_33);
        image.setRGB(1, 0, 0xFF_FF_00_00);
        image.setRGB(0, 1, 0x00_00_00_00);
        image.setRGB(1, 1, 0xFF_00_00_FF);

        IconPixmap pixmap = IconPixmaps.of(image);

        assertThat(pixmap.width).isEqualTo(2);
        assertThat(pixmap.height).isEqualTo(2);
        assertThat(pixmap.argb).containsExactly(
                0x80, 0x11, 0x22, 0x33, 0xFF, 0xFF, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0xFF, 0x00, 0x00, 0xFF);
    }

    @Test
    void aPictureWithoutAlphaIsOpaque() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        image.setRGB(0, 0, 0x12_34_56);

        assertThat(IconPixmaps.of(image).argb).containsExactly(0xFF, 0x12, 0x34, 0x56);
    }

    @Test
    void aPixmapMustHoldExactlyItsPixels() {
        assertThatThrownBy(() -> new IconPixmap(2, 2, new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }
}
