// The icons behind the tray: a theme name per state, and bundled pictures
// for every state at every panel size, as icons/render wrote them.
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.upswap.app.AppState;

class TrayIconsTest {

    private final TrayIcons icons = TrayIcons.load();

    @Test
    void everyStateHasAPictureAtEveryBundledSize() {
        for (AppState state : AppState.values()) {
            List<BufferedImage> images = icons.images(state);
            assertThat(images).as(state.name()).extracting(BufferedImage::getWidth)
                    .containsExactlyElementsOf(TrayIcons.SIZES);
            assertThat(images).as(state.name()).allMatch(i -> i.getWidth() == i.getHeight());
            // Transparent around the picture, so it sits on any panel colour.
            assertThat(images).as(state.name()).allMatch(i -> i.getRGB(0, 0) >>> 24 == 0);
        }
    }

    @Test
    void statesAreNamedAsTheThemeFiles() {
        assertThat(TrayIcons.name(AppState.UPDATE_AVAILABLE)).isEqualTo("upswap-update-available");
        assertThat(TrayIcons.name(AppState.RESTART_NEEDED, true)).isEqualTo("upswap-restart-needed-symbolic");
        assertThat(TrayIcons.name(AppState.UP_TO_DATE, false)).isEqualTo("upswap-up-to-date");
    }

    @Test
    void theClosestPictureIsTheSmallestThatIsLargeEnough() {
        assertThat(icons.closest(AppState.ERROR, 24).getWidth()).isEqualTo(24);
        assertThat(icons.closest(AppState.ERROR, 30).getWidth()).isEqualTo(32);
        assertThat(icons.closest(AppState.ERROR, 12).getWidth()).isEqualTo(16);
        assertThat(icons.closest(AppState.ERROR, 64).getWidth()).isEqualTo(48);
    }

    @Test
    void theStatesLookDifferent() {
        BufferedImage upToDate = icons.closest(AppState.UP_TO_DATE, 22);
        BufferedImage error = icons.closest(AppState.ERROR, 22);

        assertThat(differingPixels(upToDate, error)).isGreaterThan(10);
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        return differing;
    }
}
