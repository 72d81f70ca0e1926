// Menu labels carry dbusmenu's mnemonic marks ("_Check now", "__" for a
// literal underscore); toolkits without mnemonics show them without.
package org.upswap.tray;

final class Mnemonics {

    private Mnemonics() {
    }

    /** "_Check now" → "Check now", "a__b" → "a_b". */
    static String strip(String label) {
        StringBuilder plain = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c != '_') {
                plain.append(c);
            } else if (i + 1 < label.length() && label.charAt(i + 1) == '_') {
                plain.append('_');
                i++;
            }
        }
        return plain.toString();
    }
}
