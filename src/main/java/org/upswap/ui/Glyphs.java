// The few pictures the window draws itself, as vectors: the shield on
// actions polkit will ask a password for, the fallback app mark (two arrows
// swapping) and a program's initial when it has no icon of its own.
package org.upswap.ui;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;

final class Glyphs {

    /** A shield in a 24-unit box. */
    private static final String SHIELD = "M12 1.5 L3.5 4.8 V11 C3.5 16.4 7.1 20.9 12 22.5 "
            + "C16.9 20.9 20.5 16.4 20.5 11 V4.8 Z";
    /** Two arrows, up on the left and down on the right, in a 24-unit box. */
    private static final String SWAP_ARROWS = "M7 3 L2.5 8 H5.8 V17 H8.2 V8 H11.5 Z "
            + "M17 21 L21.5 16 H18.2 V7 H15.8 V16 H12.5 Z";

    private Glyphs() {
    }

    /** The shield shown on a button whose action asks for a password first. */
    static Node shield() {
        SVGPath path = new SVGPath();
        path.setContent(SHIELD);
        path.getStyleClass().add("shield");
        path.setScaleX(0.62);
        path.setScaleY(0.62);
        return new Group(path);
    }

    /** The offline banner's sign: an exclamation mark in a circle. */
    static Node warning() {
        javafx.scene.shape.Circle disc = new javafx.scene.shape.Circle(11);
        disc.getStyleClass().add("warning-disc");
        SVGPath mark = new SVGPath();
        mark.setContent("M-1.3 -6.5 H1.3 L0.9 2 H-0.9 Z M-1.4 3.8 H1.4 V6.5 H-1.4 Z");
        mark.getStyleClass().add("warning-mark");
        return new StackPane(disc, new Group(mark));
    }

    /** upswap's mark, for when the icon theme has no upswap icon. */
    static Node appMark(double size) {
        Rectangle tile = new Rectangle(size, size);
        tile.setArcWidth(size * 0.45);
        tile.setArcHeight(size * 0.45);
        tile.getStyleClass().add("app-mark-tile");
        tile.setFill(Color.web("#2f6fde"));
        SVGPath arrows = new SVGPath();
        arrows.setContent(SWAP_ARROWS);
        arrows.setFill(Color.WHITE);
        arrows.setScaleX(size / 24 * 0.62);
        arrows.setScaleY(size / 24 * 0.62);
        return new StackPane(tile, new Group(arrows));
    }

    /** upswap's mark as an image, for the title bar when the theme has no icon. */
    static Image appMarkImage(double size) {
        Node mark = appMark(size);
        SnapshotParameters transparent = new SnapshotParameters();
        transparent.setFill(Color.TRANSPARENT);
        return mark.snapshot(transparent, null);
    }

    /** A tile with a program's first letter, coloured by its name so each program keeps its colour. */
    static Node initialTile(String name, double size) {
        Rectangle tile = new Rectangle(size, size);
        tile.setArcWidth(size * 0.4);
        tile.setArcHeight(size * 0.4);
        tile.setFill(Color.hsb(Math.floorMod(name.hashCode(), 360), 0.45, 0.72));
        Label initial = new Label(name.isEmpty() ? "?" : name.substring(0, 1).toUpperCase(java.util.Locale.ROOT));
        initial.getStyleClass().add("initial");
        initial.setStyle("-fx-font-size: " + Math.round(size * 0.5) + "px;");
        StackPane stack = new StackPane(tile, initial);
        stack.setMinSize(size, size);
        stack.setMaxSize(size, size);
        return stack;
    }
}
