// upswap's tray icons: the theme names hosts look up, and the pictures
// bundled in the jar (rendered by icons/render) for hosts without upswap's
// theme and for the AWT tray.
package org.upswap.tray;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.upswap.app.AppState;

final class TrayIcons {

    /** The panel sizes bundled, smallest first. */
    static final List<Integer> SIZES = List.of(16, 22, 24, 32, 48);
    /** The badge for actions that ask for a password first. */
    static final String SHIELD = "upswap-shield";

    private static final String RESOURCES = "/org/upswap/tray/icons/";

    private final Map<AppState, List<BufferedImage>> images;
    private final byte[] shieldPng;

    private TrayIcons(Map<AppState, List<BufferedImage>> images, byte[] shieldPng) {
        this.images = images;
        this.shieldPng = shieldPng;
    }

    /**
     * Reads every bundled picture now, so a missing one fails at start-up and
     * not at the first state change.
     *
     * @throws UncheckedIOException if one is missing or unreadable
     */
    static TrayIcons load() {
        Map<AppState, List<BufferedImage>> images = new EnumMap<>(AppState.class);
        for (AppState state : AppState.values()) {
            List<BufferedImage> sizes = new ArrayList<>();
            for (int size : SIZES) {
                sizes.add(image(resource(name(state), size)));
            }
            images.put(state, List.copyOf(sizes));
        }
        return new TrayIcons(images, bytes(resource(SHIELD, 16)));
    }

    /** The theme name of a state's icon: UPDATE_AVAILABLE → "upswap-update-available". */
    static String name(AppState state) {
        return "upswap-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String name(AppState state, boolean symbolic) {
        return symbolic ? name(state) + "-symbolic" : name(state);
    }

    /** The state's icon at every bundled size, smallest first. */
    List<BufferedImage> images(AppState state) {
        return images.get(state);
    }

    /** The bundled picture closest to {@code size} pixels, preferring larger (scaling down looks better). */
    BufferedImage closest(AppState state, int size) {
        List<BufferedImage> sizes = images.get(state);
        for (BufferedImage image : sizes) {
            if (image.getWidth() >= size) {
                return image;
            }
        }
        return sizes.get(sizes.size() - 1);
    }

    /** The shield as a 16 px PNG, for dbusmenu's icon-data. */
    byte[] shieldPng() {
        return shieldPng.clone();
    }

    private static String resource(String name, int size) {
        return RESOURCES + size + "x" + size + "/" + name + ".png";
    }

    private static BufferedImage image(String resource) {
        try (InputStream in = open(resource)) {
            BufferedImage image = ImageIO.read(in);
            if (image == null) {
                throw new IOException("not a picture ImageIO can read");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("tray icon " + resource + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("tray icon " + resource + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = TrayIcons.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("not in the jar (run icons/render)");
        }
        return in;
    }
}
