// One entry of the tray menu as it should look for a snapshot. An entry's id
// names one command for good: Pause and Resume are two entries of which one
// is visible, so a click on a menu the host drew before the state changed
// still does what its label said.
package org.upswap.tray;

/**
 * @param command what a click does; null for a separator
 * @param label with "_" before the mnemonic; empty for a separator
 * @param needsAuthentication the helper will ask for a password first (shown as a shield)
 */
record MenuEntry(int id, MenuCommand command, String label, boolean enabled, boolean visible,
                 boolean needsAuthentication) {

    static MenuEntry separator(int id) {
        return new MenuEntry(id, null, "", true, true, false);
    }

    boolean isSeparator() {
        return command == null;
    }

    /** Whether a click should run the command now. */
    boolean clickable() {
        return !isSeparator() && enabled && visible;
    }
}
