// Finds PNG icons in the hicolor icon theme: the app's own (upswap.png, from
// the project's icons/ once installed) and, for a target, an icon named like
// it (a target "firefox" gets firefox.png). Looks in the class path, then in
// $XDG_DATA_DIRS; where there is none, a program gets a tile with its
// initial instead.
package org.upswap.ui;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

final class IconLookup {

    /** Theme icon names are file names; a target name outside this never becomes a path. */
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final List<Path> themeDirs;
    private final ConcurrentHashMap<String, Optional<Image>> cache = new ConcurrentHashMap<>();

    IconLookup(List<Path> themeDirs) {
        this.themeDirs = List.copyOf(themeDirs);
    }

    /**
     * The hicolor directories of {@code $XDG_DATA_DIRS} (default
     * /usr/local/share:/usr/share), after {@code $XDG_DATA_HOME}; first of
     * all the theme named by the system property {@code upswap.iconTheme}
     * (a directory holding hicolor/, such as a build tree's icons/, which
     * the launcher sets as it does for the tray).
     */
    static IconLookup system() {
        List<Path> dirs = new ArrayList<>();
        String theme = System.getProperty("upswap.iconTheme");
        if (theme != null && !theme.isBlank()) {
            dirs.add(Path.of(theme, "hicolor"));
        }
        String dataHome = System.getenv("XDG_DATA_HOME");
        dirs.add(dataHome != null && Path.of(dataHome).isAbsolute() ? Path.of(dataHome, "icons/hicolor")
                : Path.of(System.getProperty("user.home"), ".local/share/icons/hicolor"));
        String dataDirs = System.getenv("XDG_DATA_DIRS");
        for (String d : (dataDirs == null || dataDirs.isBlank() ? "/usr/local/share:/usr/share" : dataDirs)
                .split(":")) {
            if (!d.isBlank() && Path.of(d).isAbsolute()) {
                dirs.add(Path.of(d, "icons/hicolor"));
            }
        }
        return new IconLookup(dirs);
    }

    /** The icon {@code name} at the first of {@code sizes} found, e.g. {@code apps/upswap} at 48 px. */
    Optional<Image> find(String name, int... sizes) {
        if (!SAFE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name + "@" + java.util.Arrays.toString(sizes), key -> load(name, sizes));
    }

    /** A program's icon at {@code size} px: its theme icon, else a tile with its initial. */
    Node targetIcon(String target, int size) {
        return find(target, size, 64, 48, 128, 256).<Node>map(image -> {
            ImageView view = new ImageView(image);
            view.setFitWidth(size);
            view.setFitHeight(size);
            view.setPreserveRatio(true);
            view.setSmooth(true);
            return view;
        }).orElseGet(() -> Glyphs.initialTile(target, size));
    }

    private Optional<Image> load(String name, int... sizes) {
        for (int size : sizes) {
            String relative = size + "x" + size + "/apps/" + name + ".png";
            try (InputStream in = IconLookup.class.getResourceAsStream("/icons/hicolor/" + relative)) {
                if (in != null) {
                    return Optional.of(new Image(in));
                }
            } catch (java.io.IOException unreadable) {
                // try the next place
            }
            for (Path dir : themeDirs) {
                Path file = dir.resolve(relative);
                if (Files.isRegularFile(file)) {
                    Image image = new Image(file.toUri().toString());
                    if (!image.isError()) {
                        return Optional.of(image);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
