// The committed icon set is complete and current: for the application and
// every tray state a coloured and a symbolic source, hicolor renders at
// every size, and the tray's bundled pictures equal those renders (so a
// changed source that was not re-rendered with icons/render shows up here).
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.upswap.app.AppState;

class IconThemeTest {

    private static final Path ICONS = Path.of(System.getProperty("upswap.basedir", "."), "icons");
    private static final List<Integer> THEME_SIZES = List.of(16, 22, 24, 32, 48, 64, 128, 256);

    @Test
    void everyIconHasSourcesAndRendersAtEverySize() throws IOException {
        for (Icon icon : icons()) {
            String name = icon.name();
            String context = icon.context();
            assertThat(ICONS.resolve("src/" + name + ".svg")).isRegularFile();
            assertThat(ICONS.resolve("src/" + name + "-symbolic.svg")).isRegularFile();
            assertThat(ICONS.resolve("hicolor/scalable/" + context + "/" + name + ".svg")).isRegularFile();
            // Where hicolor's index.theme lets lookups find them: it lists symbolic/apps only.
            String symbolic = context.equals("apps") ? "symbolic/apps/" : "scalable/" + context + "/";
            assertThat(ICONS.resolve("hicolor/" + symbolic + name + "-symbolic.svg")).isRegularFile();
            for (int size : THEME_SIZES) {
                Path png = ICONS.resolve("hicolor/" + size + "x" + size + "/" + context + "/" + name + ".png");
                BufferedImage image = ImageIO.read(png.toFile());
                assertThat(image).as(png.toString()).isNotNull();
                assertThat(image.getWidth()).as(png.toString()).isEqualTo(size);
                assertThat(image.getHeight()).as(png.toString()).isEqualTo(size);
            }
        }
    }

    @Test
    void theTraysPicturesAreTheThemesRenders() throws IOException {
        for (AppState state : AppState.values()) {
            String name = TrayIcons.name(state);
            for (int size : TrayIcons.SIZES) {
                String dir = size + "x" + size;
                Path rendered = ICONS.resolve("hicolor/" + dir + "/status/" + name + ".png");
                try (var bundled = TrayIcons.class.getResourceAsStream("/org/upswap/tray/icons/" + dir + "/"
                        + name + ".png")) {
                    assertThat(bundled).as(dir + "/" + name).isNotNull();
                    assertThat(bundled.readAllBytes()).as(dir + "/" + name).isEqualTo(Files.readAllBytes(rendered));
                }
            }
        }
    }

    /** An icon's theme name and context (the theme directory it goes in). */
    private record Icon(String name, String context) {
    }

    /** The application icon, each state's icon and the shield. */
    private static List<Icon> icons() {
        List<Icon> icons = new ArrayList<>();
        icons.add(new Icon("upswap", "apps"));
        for (AppState state : AppState.values()) {
            icons.add(new Icon(TrayIcons.name(state), "status"));
        }
        icons.add(new Icon(TrayIcons.SHIELD, "status"));
        return icons;
    }
}
