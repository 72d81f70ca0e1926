// How a button for a privileged action looks right now: shown or not,
// usable or not, with a shield when polkit will ask for a password first,
// and the tooltip that says why.
package org.upswap.ui;

import org.upswap.client.protocol.Permission;

/**
 * @param shield polkit will ask the user to authenticate first
 * @param tooltip explains a shield or why the action is unavailable; empty if there is nothing to say
 */
record ActionState(boolean visible, boolean enabled, boolean shield, String tooltip) {

    static final ActionState HIDDEN = new ActionState(false, false, false, "");

    static ActionState allowed() {
        return new ActionState(true, true, false, "");
    }

    static ActionState disabled(String why) {
        return new ActionState(true, false, false, why);
    }

    /**
     * The state for an action the helper decides by polkit.
     *
     * @param needsAuth the tooltip for {@link Permission#AUTH}
     * @param forbidden the tooltip for {@link Permission#NO}: who may do it instead
     */
    static ActionState forPermission(Permission permission, String needsAuth, String forbidden) {
        return switch (permission) {
            case YES -> allowed();
            case AUTH -> new ActionState(true, true, true, needsAuth);
            case NO -> disabled(forbidden);
        };
    }
}
